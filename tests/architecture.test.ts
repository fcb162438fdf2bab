import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layer rule of README § Architecture, checked on every import specifier (type-only imports,
 * re-exports and dynamic imports included: each is a dependency a reader has to follow).
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const FEATURES = [
  'roadmaps',
  'sharing',
  'feedback',
  'goals',
  'journey',
  'nudges',
  'digest',
  'privacy',
  'onboarding',
] as const;

/** Lowest first: a file may import its own layer and those before it, never one after it. */
const LAYERS = ['shared', 'db', 'context', 'core', 'feature', 'discord', 'commands', 'root'] as const;
type Layer = (typeof LAYERS)[number];

/** What every handler and job is handed (and its parts), below everything that receives it. */
const CONTEXT_FILES = [
  'src/config.ts',
  'src/logger.ts',
  'src/version.ts',
  'src/context.ts',
  'src/scheduler.ts',
];
const ROOT_FILES = ['src/app.ts', 'src/main.ts', 'src/cluster.ts', 'src/jobs.ts'];

/** Client libraries: their code reads interactions, guilds and clients. Formatters are plain strings. */
const DISCORD_CLIENT = /^(discord\.js|@discordjs\/builders)(\/|$)/;
const MAY_USE_DISCORD_CLIENT = [
  'commands/',
  'src/discord/',
  'src/app.ts',
  'src/main.ts',
  'src/cluster.ts',
  'src/context.ts',
  'src/scripts/',
];

function layerOf(file: string): Layer | undefined {
  if (file.startsWith('commands/')) return 'commands';
  if (CONTEXT_FILES.includes(file)) return 'context';
  if (ROOT_FILES.includes(file) || file.startsWith('src/scripts/')) return 'root';
  const folder = file.split('/')[1];
  if (folder === 'shared' || folder === 'db' || folder === 'core' || folder === 'discord') return folder;
  if ((FEATURES as readonly string[]).includes(folder ?? '')) return 'feature';
  return undefined;
}

function featureOf(file: string): string | undefined {
  const folder = file.split('/')[1];
  return file.startsWith('src/') && (FEATURES as readonly string[]).includes(folder ?? '')
    ? folder
    : undefined;
}

function tsFilesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => posix.join(folder, name.split('\\').join('/')))
    .sort();
}

interface Import {
  file: string;
  specifier: string;
  /** The repository path a relative specifier points at (`.js` read as `.ts`); null for packages. */
  target: string | null;
}

function importsOf(file: string): Import[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { file, specifier, target: null };
    const resolved = relative(ROOT, join(ROOT, dirname(file), specifier))
      .split('\\')
      .join('/');
    return { file, specifier, target: resolved.replace(/\.js$/, '.ts') };
  });
}

const SOURCE_FILES = [...tsFilesUnder('src'), ...tsFilesUnder('commands')];
const IMPORTS = SOURCE_FILES.flatMap(importsOf);

function describeImport({ file, specifier }: Import): string {
  return `${file} imports '${specifier}'`;
}

/** A cycle in the graph as `a → b → … → a`, or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  function visit(node: string): string[] | null {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  }
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('architecture', () => {
  it('reads the imports it checks', () => {
    expect(SOURCE_FILES.length).toBeGreaterThan(100);
    expect(IMPORTS).toContainEqual({
      file: 'src/app.ts',
      specifier: 'discord.js',
      target: null,
    });
  });

  it('places every file under src/ and commands/ in a layer', () => {
    const unplaced = SOURCE_FILES.filter((file) => layerOf(file) === undefined);
    expect(unplaced, 'add the folder to a layer here and in README § Architecture').toEqual([]);
  });

  it('keeps discord.js out of domain and data code', () => {
    const violations = IMPORTS.filter(
      (entry) =>
        DISCORD_CLIENT.test(entry.specifier) &&
        !MAY_USE_DISCORD_CLIENT.some((allowed) => entry.file.startsWith(allowed)),
    ).map(describeImport);
    expect(violations, 'use @discordjs/formatters, or move the code to src/discord/ or commands/').toEqual(
      [],
    );
  });

  it('imports only from its own layer or lower ones', () => {
    const violations = IMPORTS.filter((entry) => {
      if (entry.target === null) return false;
      const from = layerOf(entry.file);
      const to = layerOf(entry.target);
      if (from === undefined || to === undefined) return false;
      return LAYERS.indexOf(to) > LAYERS.indexOf(from);
    }).map((entry) => `${describeImport(entry)} (${layerOf(entry.file)} → ${layerOf(entry.target ?? '')})`);
    expect(violations, `layers, lowest first: ${LAYERS.join(' < ')}`).toEqual([]);
  });

  it('has no import cycle among the features', () => {
    const graph = new Map<string, Set<string>>(FEATURES.map((feature) => [feature, new Set<string>()]));
    for (const entry of IMPORTS) {
      const from = featureOf(entry.file);
      const to = entry.target === null ? undefined : featureOf(entry.target);
      if (from && to && from !== to) graph.get(from)?.add(to);
    }
    expect(findCycle(graph)?.join(' → ') ?? null).toBeNull();
  });

  it('keeps migrations frozen: they import no application code', () => {
    const violations = tsFilesUnder('migrations')
      .flatMap(importsOf)
      .filter((entry) => entry.target !== null && !entry.target.startsWith('migrations/'))
      .map(describeImport);
    expect(violations).toEqual([]);
  });

  it('writes transactions through inTransaction, which runs them again after a serialization failure or deadlock', () => {
    // db:copy is the exception: one transaction into an empty database nothing else writes to.
    const allowed = ['src/db/transaction.ts', 'src/db/copy.ts'];
    const opening = SOURCE_FILES.filter(
      (file) => !allowed.includes(file) && /\.transaction\(\)/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(opening).toEqual([]);
  });

  it('escapes markdown through src/shared/escape-markdown.ts, which skips the italic pass that costs quadratic time where it has nothing to escape', () => {
    const direct = SOURCE_FILES.filter(
      (file) =>
        file !== 'src/shared/escape-markdown.ts' &&
        /import \{[^}]*\bescapeMarkdown\b[^}]*\} from '(discord\.js|@discordjs\/formatters)'/.test(
          readFileSync(join(ROOT, file), 'utf8'),
        ),
    );
    expect(direct).toEqual([]);
  });
});
