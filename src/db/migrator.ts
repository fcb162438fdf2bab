import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './connection.js';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Loads `migrations/*.ts`, or their compiled `.js` in dist/; names carry a sortable date prefix, so
 * file order is run order, and no extension, so either way a database records the same names.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_FOLDER))
      .filter((file) => /^\d{4}-\d{2}-\d{2}-.+\.[jt]s$/.test(file))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module: Migration = await import(pathToFileURL(`${MIGRATIONS_FOLDER}${file}`).href);
      migrations[file.replace(/\.[jt]s$/, '')] = module;
    }
    return migrations;
  }
}

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider() });
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
