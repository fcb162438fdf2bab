import type { Transaction } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

/**
 * PostgreSQL's answer when concurrent transactions cannot all commit as they are: a
 * serialization failure or a deadlock. Running the transaction again is the documented cure;
 * SQLite, one writer at a time, never answers either.
 */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
export const TRANSACTION_ATTEMPTS = 3;

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** Runs `work` again (up to `attempts` times in all) while it fails with a retryable error. */
export async function withRetry<T>(work: () => Promise<T>, attempts = TRANSACTION_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}

/**
 * `work` in a transaction, retried whole on a serialization failure or deadlock, so `work` must
 * touch nothing but the database. Inside a caller's transaction it joins that one (Kysely has no
 * nested transactions), and the caller's retry covers both.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return withRetry(() => db.transaction().execute(work));
}
