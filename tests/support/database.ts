import { afterEach, beforeEach } from 'vitest';
import {
  type DatabaseHandle,
  type DatabaseTarget,
  openPostgresDatabase,
  openSqliteDatabase,
} from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import {
  createDatabaseFromTemplate,
  createEmptyDatabase,
  databaseForPath,
  databaseUrl,
  dropDatabase,
  TEST_DIALECT,
} from './postgres.js';

/** Enough for the concurrent queries one test makes; the server's 100 connections are shared by every worker. */
const TEST_POOL_SIZE = 4;

/**
 * A fresh database with the real migrations applied, on the project's dialect: in memory on
 * SQLite; a copy of the migrated template on PostgreSQL, dropped when the handle closes.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (TEST_DIALECT === 'sqlite') {
    const handle = openSqliteDatabase(':memory:');
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = await createDatabaseFromTemplate();
  const handle = openPostgresDatabase(databaseUrl(name), TEST_POOL_SIZE);
  return {
    ...handle,
    async close() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

/**
 * Where a test bot keeps its data, on the project's dialect: `path` (a file to share or keep
 * across bots) or memory on SQLite; on PostgreSQL the database standing in for that file, or a
 * new empty one that `drop` removes. Empty like a new file: the bot migrates it as it starts.
 */
export async function testDatabaseTarget(
  path?: string,
): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const keep = async () => undefined;
  if (TEST_DIALECT === 'sqlite')
    return { target: { dialect: 'sqlite', path: path ?? ':memory:' }, drop: keep };
  const name = path ? await databaseForPath(path) : await createEmptyDatabase();
  return {
    target: { dialect: 'postgres', url: databaseUrl(name), poolSize: TEST_POOL_SIZE },
    drop: path ? keep : () => dropDatabase(name),
  };
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
