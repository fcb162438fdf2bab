import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { LEARNINGS_PAGE_SIZE } from '../src/discord/views/learning-view.js';
import { searchLearnings } from '../src/sharing/learnings-queries.js';
import { type BenchResult, measure } from './bench-utils.js';

const LEARNING_COUNT = 100_000;
const GUILD_ID = '100000000000000001';
const MEMBERS = Array.from({ length: 200 }, (_, index) => String(200000000000000000n + BigInt(index)));

const WORDS = (
  'python list comprehension generator decorator context manager async await coroutine event loop ' +
  'typing protocol dataclass pytest fixture mock virtualenv packaging poetry dependency import module ' +
  'class inheritance composition interface recursion memoization closure lambda iterator dictionary ' +
  'set tuple string formatting regex unicode encoding file pathlib json csv sqlite database index ' +
  'query transaction orm migration http request response api rest flask django fastapi template ' +
  'docker container kubernetes deploy logging debugging profiling performance benchmark algorithm ' +
  'sorting binary search graph tree hash complexity git branch merge rebase commit review refactor'
).split(' ');
const TAGS = ['python', 'async', 'testing', 'web', 'data', 'git', 'devops', 'algorithms', 'sql', 'typing'];

/** A deterministic pseudo-random sequence, so every run benchmarks the same data. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Median search time over 100,000 learnings in a file database (WAL, like production):
 * a common word, a rare word, a prefix, several words, a member filter and no search at all.
 */
export async function runSharingBenchmarks(): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'waymark-bench-sharing-'));
  const handle = openSqliteDatabase(join(folder, 'bench.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const random = seededRandom(42);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const insert = handle.sqlite.prepare(
      'insert into learnings (guild_id, user_id, text, tags, created_at) values (?, ?, ?, ?, ?)',
    );
    // Raw statements in one transaction: the point is the search, not a slow setup.
    handle.sqlite.transaction(() => {
      for (let index = 0; index < LEARNING_COUNT; index++) {
        const words = Array.from({ length: 12 + Math.floor(random() * 30) }, () => pick(WORDS, random));
        if (index % 5_000 === 0) words.push('zygomorphic');
        const tags = [pick(TAGS, random), pick(TAGS, random)].join(' ');
        const createdAt = new Date(start + index * 60_000).toISOString();
        insert.run(GUILD_ID, pick(MEMBERS, random), `Today I learned ${words.join(' ')}.`, tags, createdAt);
      }
    })();
    handle.sqlite.pragma('optimize');

    const page = { limit: LEARNINGS_PAGE_SIZE, offset: 0 };
    const cases: { name: string; search?: string; userId?: string }[] = [
      { name: 'learnings: common word ("python")', search: 'python' },
      { name: 'learnings: rare word ("zygomorphic")', search: 'zygomorphic' },
      { name: 'learnings: prefix ("deco")', search: 'deco' },
      { name: 'learnings: three words ("async event loop")', search: 'async event loop' },
      { name: 'learnings: member + word', search: 'docker', userId: MEMBERS[7] },
      { name: 'learnings: newest, no search' },
      { name: 'learnings: page 100 of a common word', search: 'git' },
    ];
    const results: BenchResult[] = [];
    for (const benchCase of cases) {
      const offset = benchCase.name.includes('page 100') ? 99 * LEARNINGS_PAGE_SIZE : 0;
      results.push(
        await measure(benchCase.name, 30, () =>
          searchLearnings(
            handle.db,
            { guildId: GUILD_ID, search: benchCase.search, userId: benchCase.userId },
            { ...page, offset },
          ),
        ),
      );
    }
    return results;
  } finally {
    await handle.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runSharingBenchmarks());
}
