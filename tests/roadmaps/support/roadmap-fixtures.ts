import { existsSync, readFileSync } from 'node:fs';

/** The real-world roadmap the product was specified against; it lives outside the repository. */
const FIXTURE_URL = new URL('../../../../shared/fixtures/python-developer-journey.md', import.meta.url);

export const fixtureAvailable = existsSync(FIXTURE_URL);

export function readFixture(): string {
  return readFileSync(FIXTURE_URL, 'utf8');
}

const WORDS = [
  'python',
  'closures',
  'decorators',
  'generators',
  'asyncio',
  'testing',
  'packaging',
  'typing',
  'django',
  'flask',
  'fastapi',
  'sql',
  'indexes',
  'transactions',
  'caching',
  'queues',
  'docker',
  'kubernetes',
  'pandas',
  'numpy',
  'plotting',
  'statistics',
  'regression',
  'clustering',
  'networks',
  'security',
  'profiling',
  'logging',
  'debugging',
  'refactoring',
  'patterns',
  'concurrency',
] as const;

const VERBS = ['Learn', 'Practise', 'Build', 'Explore', 'Understand', 'Review', 'Master', 'Compare'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so generated roadmaps are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** A plausible item label; the running number keeps every label distinct. */
export function generatedLabel(random: () => number, n: number): string {
  const words = Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(random, WORDS));
  return `${pick(random, VERBS)} ${words.join(', ')} and write notes on topic ${n}`;
}

export interface GeneratedRoadmapOptions {
  phases: number;
  itemsPerPhase: number;
  seed?: number;
}

/** A roadmap shaped like the fixture: `##` phases, bold section bullets, nested checklist items. */
export function generateRoadmapMarkdown({
  phases,
  itemsPerPhase,
  seed = 1,
}: GeneratedRoadmapOptions): string {
  const random = seededRandom(seed);
  const lines = ['# Generated roadmap', ''];
  let n = 0;
  for (let phase = 1; phase <= phases; phase += 1) {
    lines.push(`## Phase ${phase}: ${pick(random, WORDS)} and ${pick(random, WORDS)}`, '');
    for (let item = 0; item < itemsPerPhase; item += 1) {
      if (item % 10 === 0) lines.push(`* **Section ${item / 10 + 1} of phase ${phase}:**`);
      n += 1;
      lines.push(`    * [${random() < 0.3 ? 'x' : ' '}] ${generatedLabel(random, n)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export type RoadmapEdit = 'reword' | 'move' | 'remove' | 'replace';
const EDITS: readonly RoadmapEdit[] = ['reword', 'move', 'remove', 'replace'];

/**
 * Applies a realistic re-import's edits to every `every`-th item of a generated roadmap, cycling
 * through rewording, moving it to the last phase, removing it and replacing it with a new item.
 */
export function editRoadmapMarkdown(
  source: string,
  every = 10,
): { markdown: string; edits: Record<RoadmapEdit, number> } {
  const edits: Record<RoadmapEdit, number> = { reword: 0, move: 0, remove: 0, replace: 0 };
  const moved: string[] = [];
  let item = 0;
  const lines = source.split('\n').flatMap((line) => {
    if (!/\[[ x]\]/u.test(line)) return [line];
    item += 1;
    if (item % every !== 0) return [line];
    const edit = EDITS[(item / every) % EDITS.length] as RoadmapEdit;
    edits[edit] += 1;
    if (edit === 'move') moved.push(line);
    if (edit === 'reword') return [line.replace(' and write notes', ', then write short notes')];
    if (edit === 'replace')
      return [`    * [ ] Brand new exercise number ${item} about something else entirely`];
    return [];
  });
  return { markdown: [...lines, ...moved].join('\n'), edits };
}
