import { type DatabaseHandle, openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';

/** A fresh in-memory database with the real migrations applied. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const handle = openDatabase(':memory:');
  await migrateToLatest(handle.db);
  return handle;
}
