/**
 * Compiles Waymark to plain JavaScript in dist/ for `npm start` (run as prestart, so the README
 * keeps its two commands). The programs are bundled with their dependencies, code shared between
 * them split into chunks: start-up was mostly Node resolving, reading and linking some 1,200
 * module files (Kysely, zod, discord.js), and a bundle is a handful.
 *
 * Programs: the bot (src/main), the cluster launcher (src/cluster) and the roadmap parse worker
 * (started by file name). The migrations are a chunk of their own, which the migrator imports only
 * to migrate (src/db/migration-list.ts). Only native addons stay in node_modules.
 *
 * Paths taken from `import.meta.url` (migrations, the parse worker, the templates, the fonts)
 * must resolve as they do in the source, although the module is now part of a bundle: each use
 * is rewritten to the URL its own file would have had in dist/, from the bundle's URL. Every
 * bundle and chunk is one folder below dist/ (checked below), so that rewrite is one path.
 *
 * Plain JavaScript so that it runs before anything is compiled, on every `npm start` (prestart):
 * it skips the work when no source file changed since the last build.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepSourceAscii } from './ascii-output.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'dist');
const SOURCE_FOLDERS = ['src', 'commands', 'migrations'];
const PROGRAMS = ['src/main.ts', 'src/cluster.ts', 'src/roadmaps/parse-roadmap-worker.ts'];
// Native addons load their binaries relative to their own package.
const EXTERNAL = ['better-sqlite3', '@napi-rs/canvas'];
// What the stamp covers besides the sources: a new version or a changed build rebuilds.
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/ascii-output.mjs'];
const STAMP = '.build-stamp';

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

function toPosix(path) {
  return path.split(sep).join('/');
}

/** Gives each module the `import.meta.url` its own compiled file would have (see the top). */
const fileUrlsKept = {
  name: 'file-urls-kept',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const fromRoot = toPosix(relative(ROOT, args.path));
      if (!source.includes('import.meta.url') || fromRoot.startsWith('..')) return undefined;
      const ownUrl = `new URL(${JSON.stringify(`../${fromRoot.replace(/\.ts$/, '.js')}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', ownUrl), loader: 'ts' };
    });
  },
};

/**
 * discord.js is CommonJS: each of the ~40 modules importing it would get its own ES wrapper, a
 * getter per export (24,000 closures, 1.3 MB and 50 ms at start). They all import this one instead.
 */
const oneDiscordJs = {
  name: 'one-discord-js',
  setup(build) {
    build.onResolve({ filter: /^discord\.js$/ }, (args) =>
      args.namespace === 'one-discord-js' ? undefined : { path: 'discord.js', namespace: 'one-discord-js' },
    );
    build.onLoad({ filter: /.*/, namespace: 'one-discord-js' }, () => ({
      contents: "export * from 'discord.js';",
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

const sources = SOURCE_FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder))).sort();
// Names, sizes and times, so a deleted or renamed file (a migration above all) rebuilds too.
const stamp = [...sources, ...BUILD_INPUTS.map((file) => join(ROOT, file))]
  .map((file) => {
    const { size, mtimeMs } = statSync(file);
    return `${relative(ROOT, file)} ${size} ${mtimeMs}`;
  })
  .join('\n');

const stampFile = join(OUT, STAMP);
if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  // Built aside and swapped in, so an interrupted build never leaves a half-written dist/.
  const staging = `${OUT}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // Imported only here: loading esbuild is most of an up-to-date run's time otherwise.
  const { build } = await import('esbuild');
  const { metafile } = await build({
    entryPoints: PROGRAMS.map((file) => join(ROOT, file)),
    outdir: staging,
    outbase: ROOT,
    bundle: true,
    splitting: true,
    chunkNames: 'src/chunk-[hash]',
    external: EXTERNAL,
    format: 'esm',
    platform: 'node',
    // 20.18 keeps the `with { type: 'json' }` import attribute, which plain `node20` strips.
    target: 'node20.18',
    // The CommonJS packages in the bundle (discord.js and its own) call require().
    banner: {
      js: "import { createRequire as __waymarkRequire } from 'node:module'; const require = __waymarkRequire(import.meta.url);",
    },
    plugins: [fileUrlsKept, oneDiscordJs],
    metafile: true,
    logLevel: 'warning',
  });
  const ownSources = new Set(sources.map((file) => toPosix(relative(ROOT, file))));
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    const depth = toPosix(relative(staging, join(ROOT, output))).split('/').length - 1;
    const usesOwnUrl = Object.keys(inputs).some(
      (input) => ownSources.has(input) && readFileSync(join(ROOT, input), 'utf8').includes('import.meta.url'),
    );
    if (usesOwnUrl && depth !== 1)
      throw new Error(`${output} uses import.meta.url but is not one folder below dist/`);
  }
  for (const output of Object.keys(metafile.outputs)) {
    if (output.endsWith('.js')) keepSourceAscii(join(ROOT, output));
  }
  for (const asset of sources.filter((file) => !file.endsWith('.ts'))) {
    const target = join(staging, relative(ROOT, asset));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(asset, target);
  }
  const { name, version, type } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ name, version, type, private: true })}\n`);
  writeFileSync(join(staging, STAMP), stamp);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(staging, OUT);
}
