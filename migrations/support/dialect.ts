import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// What the migrations share to branch on the database they run on. Frozen like them: a change
// here would change what an old migration creates, so add a helper instead of editing one. In a
// folder of its own, so that migrations/ holds migrations only.

export type MigrationDialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<unknown>): MigrationDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The one value of `choices` for the database the migration runs on. */
export function byDialect<T>(db: Kysely<unknown>, choices: Record<MigrationDialect, T>): T {
  return choices[dialectOf(db)];
}

/**
 * An integer primary key the database assigns: SQLite's AUTOINCREMENT (never reusing the id of
 * a deleted row), PostgreSQL's identity column (a sequence, which never goes back either).
 */
export function autoIncrementId(
  db: Kysely<unknown>,
): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return byDialect(db, {
    sqlite: (col) => col.primaryKey().autoIncrement(),
    postgres: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  });
}
