import { type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './connection.js';

/**
 * The list (./migration-list.ts), imported when the migrator asks for it: a process that does not
 * migrate (a cluster's, whose launcher migrated) never loads the migrations, and the bundle keeps
 * them in one chunk of their own rather than one file each (scripts/build.mjs).
 */
const listedMigrations: MigrationProvider = {
  getMigrations: async () => (await import('./migration-list.js')).MIGRATIONS,
};

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: listedMigrations });
}

function throwOnFailure({ error, results }: MigrationResultSet): MigrationResultSet {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { results };
}

/** Brings the schema up to date; returns the names of the migrations that ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { results } = throwOnFailure(await createMigrator(db).migrateToLatest());
  return (results ?? []).map((result) => result.migrationName);
}

export async function migrateDownAll(db: Db): Promise<void> {
  const migrator = createMigrator(db);
  for (;;) {
    const { results } = throwOnFailure(await migrator.migrateDown());
    if (!results || results.length === 0) return;
  }
}
