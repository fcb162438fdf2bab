import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/**
 * Where the data lives. SQLite, a file next to the bot, is the default and needs no server;
 * PostgreSQL is for deployments whose processes (or machines) share one database.
 */
export type DatabaseTarget =
  | { dialect: 'sqlite' /** A filesystem path, or `:memory:`. */; path: string }
  | { dialect: 'postgres'; url: string; poolSize: number };
export type Dialect = DatabaseTarget['dialect'];

/** One shape for both dialects: what differs between them stays behind `db` and `connect`. */
export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data is, for logs: the file, or the server and database, never the credentials. */
  location: string;
  /** PostgreSQL's pool right now, for `/about`; SQLite has its one connection, always open. */
  connections(): PoolUsage | undefined;
  /** Reaches the database once, or fails with one line naming the problem (never the password). */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export interface PoolUsage {
  inUse: number;
  idle: number;
  /** Queries waiting for a connection: the pool is too small for the load. */
  waiting: number;
  size: number;
}

export interface SqliteDatabaseHandle extends DatabaseHandle {
  dialect: 'sqlite';
  /** The raw connection, for what Kysely does not cover: online backups and integrity checks. */
  sqlite: SQLite.Database;
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

function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    await close();
  };
}

/**
 * Opens (and creates, with its folder) the SQLite database.
 * WAL lets readers (autocomplete, views) run while a write commits; NORMAL sync is
 * durable across process crashes in WAL mode, which is the failure we guard against.
 */
export function openSqliteDatabase(path: string): SqliteDatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    location: path,
    sqlite,
    connections: () => undefined,
    connect: async () => undefined,
    // Kysely's SqliteDialect closes the underlying better-sqlite3 connection.
    close: closeOnce(() => db.destroy()),
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * pg returns bigint and numeric as strings, since they can exceed a double; every one the app
 * reads is a count, a sum or an id, far below 2^53, so they come back as numbers like SQLite's.
 * Per pool rather than pg's global registry, so nothing else in the process is affected.
 */
function numericTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      return types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** The server and database a URL points at, without user or password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  return `${host}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}

/** pg's error, as one line an operator can act on; the URL's password never appears in it. */
export function describeConnectionError(error: unknown, location: string): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  switch (code) {
    case '28P01':
    case '28000':
      return `PostgreSQL at ${location} refused the user or password in DATABASE_URL`;
    case '3D000':
      return `PostgreSQL at ${location}: the database does not exist`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'ENOENT':
    case 'EHOSTUNREACH':
      return `cannot reach PostgreSQL at ${location} (${code})`;
    default:
      if (message?.includes('timeout')) return `cannot reach PostgreSQL at ${location} (timed out)`;
      return `cannot connect to PostgreSQL at ${location}${code ? ` (${code})` : ''}`;
  }
}

export function openPostgresDatabase(url: string, poolSize: number): DatabaseHandle {
  const location = describePostgresUrl(url);
  let pool: pg.Pool | undefined;
  let opening: Promise<pg.Pool> | undefined;
  // pg is loaded with the pool, when the database is first reached: a SQLite deployment never
  // loads it. `.default` is the CommonJS module, under Node and in the bundle alike (src/main.ts).
  const openPool = () =>
    (opening ??= import('pg').then(({ default: driver }) => {
      pool = new driver.Pool({
        connectionString: url,
        max: poolSize,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        types: numericTypes(driver.types),
      });
      // An idle connection the server drops (a restart) is reported here; without a listener the
      // process would exit. The pool replaces it on the next query.
      pool.on('error', () => undefined);
      return pool;
    }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPool }) });
  return {
    db,
    dialect: 'postgres',
    location,
    connections: () => ({
      inUse: pool ? pool.totalCount - pool.idleCount : 0,
      idle: pool?.idleCount ?? 0,
      waiting: pool?.waitingCount ?? 0,
      size: poolSize,
    }),
    async connect() {
      try {
        const client = await (await openPool()).connect();
        client.release();
      } catch (error) {
        throw new Error(describeConnectionError(error, location), { cause: error });
      }
    },
    close: closeOnce(() => db.destroy()),
  };
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  return target.dialect === 'sqlite'
    ? openSqliteDatabase(target.path)
    : openPostgresDatabase(target.url, target.poolSize);
}
