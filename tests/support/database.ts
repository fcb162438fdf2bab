import { afterEach, beforeEach } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';

/** A fresh in-memory database with the real migrations applied. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const handle = openDatabase(':memory:');
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * A fresh database for each test of the enclosing `describe` (or file), closed after it. The
 * object is filled in before each test, so read `handle.db` inside tests and hooks.
 */
export function useTestDatabase(): DatabaseHandle {
  const handle = {} as DatabaseHandle;
  beforeEach(async () => {
    Object.assign(handle, await createTestDatabase());
  });
  afterEach(async () => {
    await handle.close();
  });
  return handle;
}
