import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** The raw connection, for what Kysely does not cover: online backups and integrity checks. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * Statements kept compiled, by SQL text. The app's queries are a few hundred distinct texts (an
 * `in (…)` list makes one per length), so the hot ones stay compiled and the rest cycle out.
 */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query it runs, and compiling SQL costs more than most
 * of the queries themselves; this keeps recently used statements, least recently used out first.
 * Reusing one is safe because better-sqlite3 runs a statement to completion before returning,
 * and Kysely runs one query at a time on its single connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const [oldest] = statements.keys();
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      // Re-inserting makes it the newest in the Map's order.
      statements.set(sql, statement);
      return statement;
    },
  };
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
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
