import { pathToFileURL } from 'node:url';
import { buildItemIndex, type SearchableItem, searchItems } from '../src/roadmaps/item-search.js';
import type { ItemStatus } from '../src/roadmaps/item-status.js';
import { type ExistingItem, matchRoadmapItems } from '../src/roadmaps/match-items.js';
import { type ParsedRoadmap, parseRoadmap } from '../src/roadmaps/parse-roadmap.js';
import { findRoadmapTemplate } from '../src/roadmaps/templates/index.js';
import {
  editRoadmapMarkdown,
  fixtureAvailable,
  generateRoadmapMarkdown,
  readFixture,
} from '../tests/roadmaps/support/roadmap-fixtures.js';
import { type BenchResult, measure } from './bench-utils.js';

function searchable(roadmap: ParsedRoadmap): SearchableItem[] {
  return roadmap.items.map((item) => ({
    id: item.position + 1,
    label: item.label,
    phaseTitle: roadmap.phases[item.phaseIndex]?.title ?? '',
    position: item.position,
  }));
}

function stored(roadmap: ParsedRoadmap): ExistingItem[] {
  return roadmap.items.map((item) => ({
    id: item.position + 1,
    key: item.key,
    label: item.label,
    phaseTitle: roadmap.phases[item.phaseIndex]?.title ?? '',
    position: item.position,
    active: true,
  }));
}

/** Autocomplete queries as members type them: nothing yet, a word start, a word, a typo, several words. */
const QUERIES = {
  empty: '',
  prefix: 'dec',
  word: 'decorators',
  typo: 'closres',
  words: 'learn python asyncio',
  none: 'zzzz',
} as const;

export async function runRoadmapBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const small = fixtureAvailable
    ? readFixture()
    : ((await findRoadmapTemplate('python-developer')?.load()) ?? '');
  results.push(
    await measure(`parse ${fixtureAvailable ? 'fixture' : 'python-developer template'}`, 200, () =>
      parseRoadmap(small),
    ),
  );

  const large = generateRoadmapMarkdown({ phases: 20, itemsPerPhase: 100 });
  const roadmap = parseRoadmap(large);
  results.push(await measure('parse 2,000 items', 20, () => parseRoadmap(large)));

  const items = searchable(roadmap);
  results.push(await measure('build search index, 2,000 items', 50, () => buildItemIndex(items)));
  const index = buildItemIndex(items);
  const statusOf = (id: number): ItemStatus => (id % 3 === 0 ? 'done' : 'todo');
  for (const [kind, query] of Object.entries(QUERIES)) {
    results.push(
      await measure(`autocomplete "${query}" (${kind}), 2,000 items`, 200, () =>
        searchItems(index, query, { statusOf }),
      ),
    );
  }

  const edited = parseRoadmap(editRoadmapMarkdown(large).markdown);
  const existing = stored(roadmap);
  results.push(
    await measure('match 2,000 vs 2,000, 10% edited', 20, () => matchRoadmapItems(existing, edited)),
  );
  const replaced = parseRoadmap(generateRoadmapMarkdown({ phases: 20, itemsPerPhase: 100, seed: 2 }));
  results.push(
    await measure('match 2,000 vs 2,000, whole file replaced', 10, () =>
      matchRoadmapItems(existing, replaced),
    ),
  );
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runRoadmapBenchmarks());
}
