import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';

/**
 * Every row of every table (the search index's own tables, derived from learnings, aside), by table, rows in
 * a stable order: PostgreSQL returns a table's rows in no particular order.
 */
export async function allRows(db: Db): Promise<{ table: string; rows: Record<string, unknown>[] }[]> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
    .map((table) => table.name)
    .filter((name) => !name.startsWith('learnings_fts'))
    .sort();
  return Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      const sorted = rows
        .map((row) => [JSON.stringify(row), row] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => row);
      return { table, rows: sorted };
    }),
  );
}
