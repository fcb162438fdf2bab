import type { Db } from './connection.js';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one: Kysely cannot open
 * a transaction inside a transaction, and a write that is part of a larger change belongs in it.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
