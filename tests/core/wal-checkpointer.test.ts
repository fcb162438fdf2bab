import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/db/connection.js';
import { FOREGROUND_CHECKPOINT_PAGES, startWalCheckpointer } from '../../src/db/wal-checkpointer.js';

describe('WAL checkpoints in a worker thread', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'waymark-wal-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** A WAL database whose own connection never checkpoints, with `rows` rows committed one by one. */
  function writer(rows: number): SQLite.Database {
    const sqlite = new SQLite(join(folder, 'bot.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.exec('create table notes (id integer primary key, text text not null)');
    const insert = sqlite.prepare('insert into notes (text) values (?)');
    for (let i = 0; i < rows; i += 1) insert.run(`note ${i}`);
    return sqlite;
  }

  it('GIVEN commits only in the WAL THEN a checkpoint from the worker puts every page in the database file', async () => {
    const sqlite = writer(200);
    const checkpointer = startWalCheckpointer(join(folder, 'bot.sqlite'), 60_000);
    try {
      const result = await checkpointer.checkpoint();
      expect(result.busy).toBe(0);
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
      // The database file alone, without its WAL, now holds every row.
      copyFileSync(join(folder, 'bot.sqlite'), join(folder, 'copy.sqlite'));
      const copy = new SQLite(join(folder, 'copy.sqlite'), { readonly: true });
      expect(copy.prepare('select count(*) as n from notes').get()).toEqual({ n: 200 });
      copy.close();
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('GIVEN the worker is stopped THEN asking it for a checkpoint fails instead of waiting forever', async () => {
    const sqlite = writer(1);
    const checkpointer = startWalCheckpointer(join(folder, 'bot.sqlite'), 60_000);
    await checkpointer.stop();
    await expect(checkpointer.checkpoint()).rejects.toThrow(/stopped/);
    sqlite.close();
  });

  it('GIVEN the bot’s database THEN its own connection checkpoints only as a backstop, and closing leaves no WAL behind', async () => {
    const path = join(folder, 'waymark.sqlite');
    const handle = openSqliteDatabase(path, { backgroundCheckpoints: true });
    expect(handle.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(FOREGROUND_CHECKPOINT_PAGES);
    await handle.db.schema
      .createTable('notes')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .execute();
    expect(existsSync(`${path}-wal`)).toBe(true);
    await handle.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('GIVEN scripts and tests THEN SQLite keeps its own checkpoints', () => {
    const handle = openSqliteDatabase(join(folder, 'script.sqlite'));
    expect(handle.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    handle.sqlite.close();
  });
});
