import { PostgresAdapter } from 'kysely';
import type { Db, Dialect } from './connection.js';

/**
 * The dialect behind `db`, for the few queries that must differ (full-text search): everything
 * else is the same Kysely code on both.
 */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
