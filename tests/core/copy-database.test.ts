import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  openSqliteDatabase,
  type SqliteDatabaseHandle,
} from '../../src/db/connection.js';
import { COPY_ORDER, CopyRefused, copyDatabase, formatCounts } from '../../src/db/copy.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createLearning, searchLearnings } from '../../src/sharing/learnings-queries.js';
import { seedMemberData } from '../privacy/seed-member-data.js';
import { createTestDatabase } from '../support/database.js';
import { seedRoadmap } from '../support/roadmap.js';
import { allRows } from '../support/tables.js';

const GUILD = '900000000000000001';
const CHANNEL = '700000000000000001';
const ALICE = '800000000000000001';
const BOB = '800000000000000002';
const AT = new Date('2026-11-25T10:00:00.000Z');

/** What the copy is responsible for: every table but the migrator's own, which the target writes itself. */
async function copiedRows(handle: DatabaseHandle) {
  return (await allRows(handle.db)).filter(({ table }) => !table.startsWith('kysely_'));
}

async function populatedSource(): Promise<SqliteDatabaseHandle> {
  const source = openSqliteDatabase(':memory:');
  await migrateToLatest(source.db);
  const roadmap = await seedRoadmap(source.db, {
    guildId: GUILD,
    createdBy: ALICE,
    now: AT,
    phases: { Basics: ['Variables', 'Loops', 'Functions'], Web: ['HTTP'] },
  });
  await seedMemberData(
    source.db,
    { guildId: GUILD, userId: ALICE, word: 'asynchronous', channelId: CHANNEL },
    roadmap,
    AT,
  );
  await seedMemberData(
    source.db,
    { guildId: GUILD, userId: BOB, word: 'decorators', channelId: CHANNEL },
    roadmap,
    AT,
  );
  // A parent stored after its child (a re-import can add one): the copy cannot insert in id order alone.
  const [first, , third] = [...roadmap.items.values()];
  await source.db
    .updateTable('roadmap_items')
    .set({ parent_item_id: third })
    .where('id', '=', first ?? 0)
    .execute();
  return source;
}

describe('the tables db:copy copies', () => {
  it('GIVEN the migrated schema THEN every table is listed once, with its primary key, after the tables it references', async () => {
    const handle = openSqliteDatabase(':memory:');
    await migrateToLatest(handle.db);
    try {
      const tables = handle.sqlite
        .prepare(
          `select name from sqlite_master where type = 'table'
           and name not like 'kysely_%' and name not like 'learnings_fts%' and name <> 'sqlite_sequence'`,
        )
        .pluck()
        .all() as string[];
      expect(COPY_ORDER.map((copied) => copied.table).sort()).toEqual(tables.sort());
      COPY_ORDER.forEach((copied, position) => {
        const columns = handle.sqlite.prepare(`pragma table_info("${copied.table}")`).all() as {
          name: string;
          pk: number;
        }[];
        const key = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
        expect(
          key.map((column) => column.name),
          copied.table,
        ).toEqual(copied.key);
        const references = handle.sqlite.prepare(`pragma foreign_key_list("${copied.table}")`).all() as {
          table: string;
          from: string;
        }[];
        for (const reference of references) {
          if (reference.table === copied.table) {
            expect(copied.selfReference, copied.table).toBe(reference.from);
          } else {
            const parent = COPY_ORDER.findIndex((other) => other.table === reference.table);
            expect(parent, `${copied.table} → ${reference.table}`).toBeLessThan(position);
          }
        }
      });
    } finally {
      await handle.close();
    }
  });
});

describe('copying a SQLite database into an empty one', () => {
  let source: SqliteDatabaseHandle;
  let target: DatabaseHandle;
  beforeEach(async () => {
    source = await populatedSource();
    target = await createTestDatabase();
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('GIVEN a populated source THEN every row arrives as it was, ids kept, counted table by table', async () => {
    const counts = await copyDatabase(source.db, target.db);
    expect(await copiedRows(target)).toEqual(await copiedRows(source));
    expect(counts.map((count) => count.table)).toEqual(COPY_ORDER.map((copied) => copied.table));
    for (const count of counts) expect(count.target, count.table).toBe(count.source);
    expect(counts.find((count) => count.table === 'learnings')?.source).toBe(2);
    const printed = formatCounts(counts).split('\n');
    expect(printed[0]).toMatch(/^table\s+source\s+target$/);
    expect(printed).toContainEqual(expect.stringMatching(/^learnings\s+2\s+2$/));
    expect(printed.at(-1)).toMatch(/^total\s+(\d+)\s+\1$/);
  });

  it('GIVEN the copy THEN learnings are found by search and the next ids come after the copied ones', async () => {
    await copyDatabase(source.db, target.db);
    const found = await searchLearnings(
      target.db,
      { guildId: GUILD, search: 'decorator' },
      { limit: 10, offset: 0 },
    );
    expect(found.learnings.map((learning) => learning.user_id)).toEqual([BOB]);
    const copiedMax = Math.max(
      ...(await source.db.selectFrom('learnings').select('id').execute()).map((row) => row.id),
    );
    const added = await createLearning(
      target.db,
      { guild_id: GUILD, user_id: ALICE, text: 'generators are lazy', created_at: AT.toISOString() },
      null,
      'UTC',
    );
    expect(added.id).toBeGreaterThan(copiedMax);
  });

  it('GIVEN a target that already holds data THEN the copy is refused in one line and the target is unchanged', async () => {
    await copyDatabase(source.db, target.db);
    const before = await copiedRows(target);
    const refusal = await copyDatabase(source.db, target.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CopyRefused);
    expect((refusal as Error).message).toMatch(
      /^the target database is not empty \(\d+ rows in \d+ tables: member_settings, roadmaps, roadmap_phases, …\); db:copy copies only into an empty one$/,
    );
    expect(await copiedRows(target)).toEqual(before);
  });

  it('GIVEN a source older than the code THEN the copy is refused before anything is written', async () => {
    const old = openSqliteDatabase(':memory:');
    try {
      const refusal = await copyDatabase(old.db, target.db).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(CopyRefused);
      expect((refusal as Error).message).toMatch(
        /^the source database is not up to date \(\d+ migrations to apply\)/,
      );
      expect((await copiedRows(target)).every(({ rows }) => rows.length === 0)).toBe(true);
    } finally {
      await old.close();
    }
  });
});
