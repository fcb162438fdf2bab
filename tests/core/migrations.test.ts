import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js';
import { migrateDownAll, migrateToLatest } from '../../src/db/migrator.js';

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type in ('table', 'index') and name not like 'sqlite_%' order by name
  `.execute(handle.db);
  return rows.map((row) => row.name);
}

describe('migrations', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('GIVEN a fresh database THEN up → down → up leaves the same schema and down leaves nothing', async () => {
    handle = openDatabase(':memory:');
    const applied = await migrateToLatest(handle.db);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort());
    const schema = await tableNames(handle);

    await migrateDownAll(handle.db);
    expect((await tableNames(handle)).filter((name) => !name.startsWith('kysely_'))).toEqual([]);

    await migrateToLatest(handle.db);
    expect(await tableNames(handle)).toEqual(schema);
  });

  it('GIVEN an up-to-date database THEN migrating again does nothing', async () => {
    handle = openDatabase(':memory:');
    await migrateToLatest(handle.db);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('GIVEN a file database THEN the pragmas are set', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = join(mkdtempSync(join(tmpdir(), 'waymark-')), 'nested', 'folder');
    handle = openDatabase(join(folder, 'w.sqlite'));
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
