import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** The raw connection, for what Kysely does not cover: online backups and integrity checks. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * Opens (and creates, with its folder) the SQLite database.
 * WAL lets readers (autocomplete, views) run while a write commits; NORMAL sync is
 * durable across process crashes in WAL mode, which is the failure we guard against.
 */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  return {
    db,
    sqlite,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's SqliteDialect closes the underlying better-sqlite3 connection.
      await db.destroy();
    },
  };
}
