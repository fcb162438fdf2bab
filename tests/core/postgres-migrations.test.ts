import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPostgresDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createEmptyDatabase, databaseUrl, dropDatabase, TEST_DIALECT } from '../support/postgres.js';

// PostgreSQL only: on SQLite one file has one writer at a time, which tests/core/migrations.test.ts covers.
describe.runIf(TEST_DIALECT === 'postgres')('migrations on PostgreSQL', () => {
  const handles: DatabaseHandle[] = [];
  let name: string | undefined;
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.close()));
    if (name) await dropDatabase(name);
  });

  it('GIVEN two processes starting together on an empty database THEN the migrations run once, all of them', async () => {
    name = await createEmptyDatabase();
    const first = openPostgresDatabase(databaseUrl(name), 2);
    const second = openPostgresDatabase(databaseUrl(name), 2);
    handles.push(first, second);

    const [ranFirst, ranSecond] = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)]);

    const all = [...ranFirst, ...ranSecond].sort();
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all).size).toBe(all.length);
    const { rows } = await sql<{ count: number }>`select count(*) as count from kysely_migration`.execute(
      first.db,
    );
    expect(rows[0]?.count).toBe(all.length);
  });

  it('GIVEN a count THEN it comes back as a number, as on SQLite', async () => {
    name = await createEmptyDatabase();
    const handle = openPostgresDatabase(databaseUrl(name), 1);
    handles.push(handle);
    const { rows } = await sql<{ count: unknown; total: unknown }>`
      select count(*) as count, sum(x) as total from (values (1), (2)) as t(x)
    `.execute(handle.db);
    expect(rows).toEqual([{ count: 2, total: 3 }]);
  });
});
