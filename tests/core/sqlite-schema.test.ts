import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/db/connection.js';
import { createMigrator } from '../../src/db/migrator.js';

// SQLite only, by nature: the migrations written before PostgreSQL was supported must keep
// producing the very schema they always did, so a database created then and one created now are
// the same. Later migrations are left out: they change the schema on purpose. The snapshot is
// never regenerated; a difference means a frozen migration changed.
const LAST_MIGRATION_BEFORE_POSTGRES = '2026-12-01-004-roadmap-admin';
const SNAPSHOT = new URL('./sqlite-schema.snapshot.json', import.meta.url);

it('GIVEN the migrations from before PostgreSQL on SQLite THEN sqlite_master is byte-for-byte the committed snapshot', async () => {
  const handle = openSqliteDatabase(':memory:');
  try {
    const { error } = await createMigrator(handle.db).migrateTo(LAST_MIGRATION_BEFORE_POSTGRES);
    expect(error).toBeUndefined();
    const rows = handle.sqlite
      .prepare('select type, name, tbl_name, sql from sqlite_master order by type, name')
      .all();
    expect(`${JSON.stringify(rows, null, 2)}\n`).toBe(readFileSync(SNAPSHOT, 'utf8'));
  } finally {
    await handle.close();
  }
});
