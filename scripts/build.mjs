/**
 * Compiles Waymark to plain JavaScript in dist/, file by file with the source layout kept, so
 * `npm start` runs without the tsx loader: loading the code under tsx was most of the start-up
 * time and idle memory. Paths taken from `import.meta.url` (migrations, the parse worker, the
 * templates, the fonts) and `../package.json` resolve in dist/ as they do in the source.
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
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'dist');
const SOURCE_FOLDERS = ['src', 'commands', 'migrations'];
// What the stamp covers besides the sources: a new version or a changed build rebuilds.
const BUILD_INPUTS = ['package.json', 'scripts/build.mjs'];
const STAMP = '.build-stamp';

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

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
  await build({
    entryPoints: sources.filter((file) => file.endsWith('.ts')),
    outdir: staging,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    // 20.18 keeps the `with { type: 'json' }` import attribute, which plain `node20` strips.
    target: 'node20.18',
    logLevel: 'warning',
  });
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
