import { pathToFileURL } from 'node:url';
import type { AutocompleteInteraction } from 'discord.js';
import { roadmapPages } from '../commands/components/roadmap-pages.js';
import { respondWithItemChoices } from '../commands/options/item-option.js';
import type { AppContext } from '../src/context.js';
import { checkItem } from '../src/roadmaps/check-item.js';
import { listActiveItems } from '../src/roadmaps/followed-roadmap.js';
import { buildItemIndex, type SearchableItem, searchItems } from '../src/roadmaps/item-search.js';
import type { ItemStatus } from '../src/roadmaps/item-status.js';
import { type ExistingItem, matchRoadmapItems } from '../src/roadmaps/match-items.js';
import { type ParsedRoadmap, parseRoadmap } from '../src/roadmaps/parse-roadmap.js';
import { listActivePhases } from '../src/roadmaps/roadmap-queries.js';
import { createRoadmap, reimportRoadmap } from '../src/roadmaps/store-roadmap.js';
import { findRoadmapTemplate } from '../src/roadmaps/templates/index.js';
import {
  editRoadmapMarkdown,
  fixtureAvailable,
  generateRoadmapMarkdown,
  readFixture,
} from '../tests/roadmaps/support/roadmap-fixtures.js';
import { createTestDatabase } from '../tests/support/database.js';
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
    markdown: item.markdown,
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

/**
 * What a member waits for on a 2,000-item roadmap, through the database: the import, a
 * re-import, an autocomplete keystroke (loading items and statuses, indexing, searching),
 * a /check with its phase tally, and one page of /roadmap view.
 */
async function runDatabaseBenchmarks(large: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const handle = await createTestDatabase();
  const db = handle.db;
  const parsed = parseRoadmap(large);
  const at = new Date('2026-11-26T10:00:00.000Z');
  const input = { userId: 'admin', name: 'large', source: 'large.md', parsed, at, defaultTimezone: 'UTC' };
  let guilds = 0;
  results.push(
    await measure('import 2,000 items into the database', 10, () => {
      guilds += 1;
      return createRoadmap(db, { ...input, guildId: `bench-${guilds}` });
    }),
  );

  const { roadmap } = await createRoadmap(db, { ...input, guildId: 'g' });
  const edited = parseRoadmap(editRoadmapMarkdown(large).markdown);
  let flip = false;
  results.push(
    await measure('re-import 2,000 items, 10% edited, into the database', 10, () => {
      flip = !flip;
      return reimportRoadmap(db, roadmap, { ...input, guildId: 'g', parsed: flip ? edited : parsed });
    }),
  );

  const ctx = { db } as AppContext;
  const items = await listActiveItems(db, roadmap.id);
  for (const item of items.filter((_, index) => index % 3 === 0)) {
    await checkItem(db, {
      guildId: 'g',
      userId: 'm',
      item,
      status: 'done',
      note: null,
      link: null,
      at,
      defaultTimezone: 'UTC',
    });
  }
  const keystroke = (query: string) =>
    ({
      guildId: 'g',
      user: { id: 'm' },
      options: { getFocused: () => query },
      respond: async () => undefined,
    }) as unknown as AutocompleteInteraction<'cached'>;
  for (const query of [QUERIES.prefix, QUERIES.typo]) {
    results.push(
      await measure(`autocomplete "${query}" from the database, 2,000 items`, 100, () =>
        respondWithItemChoices(keystroke(query), ctx),
      ),
    );
  }

  const target = items[1];
  if (target) {
    let done = false;
    results.push(
      await measure('/check: status, event and phase tally, 2,000 items', 100, () => {
        done = !done;
        const status = done ? 'done' : 'todo';
        return checkItem(db, {
          guildId: 'g',
          userId: 'm',
          item: target,
          status,
          note: null,
          link: null,
          at,
          defaultTimezone: 'UTC',
        });
      }),
    );
  }

  const [phase] = await listActivePhases(db, roadmap.id);
  const state = {
    kind: 'progress' as const,
    guildId: 'g',
    roadmapId: roadmap.id,
    memberId: 'm',
    memberName: 'm',
  };
  results.push(
    await measure('/roadmap view overview, 2,000 items', 50, () =>
      roadmapPages.render(ctx, { ...state, phaseId: null }, 0),
    ),
  );
  results.push(
    await measure('/roadmap view phase page, 2,000 items', 50, () =>
      roadmapPages.render(ctx, { ...state, phaseId: phase?.id ?? null }, 0),
    ),
  );
  await handle.close();
  return results;
}

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
  results.push(...(await runDatabaseBenchmarks(large)));
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runRoadmapBenchmarks());
}
