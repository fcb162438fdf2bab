import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import { createMigrator, migrateToLatest } from './migrator.js';
import type { Database } from './schema.js';

/**
 * Every table, parents before the tables that reference them, with its primary key (the order
 * batches are read in). A row whose `selfReference` points at a row copied later is inserted
 * without it and completed once that row exists. tests/core/copy-database.test.ts holds this
 * list to the schema the migrations create: a new table must be added here.
 */
export const COPY_ORDER: readonly CopiedTable[] = [
  { table: 'guild_settings', key: ['guild_id'] },
  { table: 'member_settings', key: ['guild_id', 'user_id'] },
  { table: 'roadmaps', key: ['id'] },
  { table: 'roadmap_phases', key: ['id'] },
  { table: 'roadmap_items', key: ['id'], selfReference: 'parent_item_id' },
  { table: 'roadmap_sources', key: ['roadmap_id'] },
  { table: 'member_roadmaps', key: ['guild_id', 'user_id'] },
  { table: 'roadmap_admin_log', key: ['id'] },
  { table: 'pending_roadmap_imports', key: ['id'] },
  { table: 'member_progress', key: ['user_id', 'item_id'] },
  { table: 'activity_events', key: ['id'] },
  { table: 'view_states', key: ['id'] },
  { table: 'learnings', key: ['id'] },
  { table: 'resources', key: ['id'] },
  { table: 'projects', key: ['id'] },
  { table: 'project_reflections', key: ['id'] },
  { table: 'feedback_requests', key: ['id'] },
  { table: 'discussion_threads', key: ['thread_id'] },
  { table: 'thread_replies', key: ['thread_id', 'user_id'] },
  { table: 'goals', key: ['id'] },
  { table: 'member_streaks', key: ['guild_id', 'user_id'] },
  { table: 'member_nudges', key: ['guild_id', 'user_id'] },
  { table: 'digest_schedules', key: ['guild_id'] },
  { table: 'digest_runs', key: ['id'] },
  { table: 'job_claims', key: ['job', 'firing'] },
  { table: 'shard_heartbeats', key: ['shard_id'] },
  { table: 'identify_buckets', key: ['bucket'] },
  { table: 'outbox', key: ['id'] },
];

export interface CopiedTable {
  table: keyof Database;
  key: readonly string[];
  selfReference?: string;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

/** Why a copy did not start or was rolled back: one line for the operator, nothing written. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

/**
 * Bound parameters per insert, under SQLite's 32,766 and PostgreSQL's 65,535; a batch of a wide
 * table is fewer rows.
 */
const PARAMETERS_PER_BATCH = 30_000;
const MAX_ROWS_PER_BATCH = 1_000;

type Row = Record<string, unknown>;
/** The copy reads and writes rows it does not interpret, table by table. */
type Untyped = Kysely<Record<string, Row>>;

function untyped(db: Kysely<Database>): Untyped {
  return db as unknown as Untyped;
}

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const row = await untyped(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function pendingMigrations(db: Db): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}

function after(key: readonly string[], last: Row): RawBuilder<boolean> {
  const columns = sql.join(key.map((column) => sql.ref(column)));
  const values = sql.join(key.map((column) => last[column]));
  return sql<boolean>`(${columns}) > (${values})`;
}

/** Reads `table` in key order, a batch at a time, so a million events never sit in memory at once. */
async function* readBatches(source: Kysely<Database>, { table, key }: CopiedTable): AsyncGenerator<Row[]> {
  let last: Row | undefined;
  let size: number | undefined;
  for (;;) {
    let query = untyped(source).selectFrom(table).selectAll();
    if (last) query = query.where(after(key, last));
    for (const column of key) query = query.orderBy(column);
    // The first read, of one row, tells how wide the table is, which sizes every later batch.
    const rows = await query.limit(size ?? 1).execute();
    if (rows.length === 0) return;
    yield rows;
    last = rows.at(-1);
    size ??= Math.max(
      1,
      Math.min(MAX_ROWS_PER_BATCH, Math.floor(PARAMETERS_PER_BATCH / Object.keys(rows[0] ?? {}).length)),
    );
  }
}

async function copyTable(
  source: Kysely<Database>,
  target: Transaction<Database>,
  copied: CopiedTable,
): Promise<void> {
  const { table, key, selfReference } = copied;
  const deferred: Row[] = [];
  for await (const rows of readBatches(source, copied)) {
    const values = selfReference
      ? rows.map((row) => {
          const reference = row[selfReference];
          if (reference === null || Number(reference) < Number(row[key[0] as string])) return row;
          deferred.push(row);
          return { ...row, [selfReference]: null };
        })
      : rows;
    await untyped(target).insertInto(table).values(values).execute();
  }
  for (const row of deferred) {
    let update = untyped(target)
      .updateTable(table)
      .set({ [selfReference as string]: row[selfReference as string] });
    for (const column of key) update = update.where(column, '=', row[column]);
    await update.execute();
  }
}

/**
 * PostgreSQL hands out identity ids from a sequence that explicit ids do not advance; it must
 * start past the copied ones, or the next check-off would collide. SQLite's AUTOINCREMENT
 * already remembers the largest id inserted.
 */
async function advanceSequences(target: Transaction<Database>): Promise<void> {
  if (dialectOf(target) !== 'postgres') return;
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'
  `.execute(target);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`
      select setval(
        pg_get_serial_sequence(${table}, ${column}),
        coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1,
        false
      )
    `.execute(target);
  }
}

/**
 * Copies every Waymark table from `source` into `target`: the target is migrated, must hold no
 * data, and receives everything in one transaction (nothing at all if any step fails), ids
 * kept. The learnings search fills itself on the target (SQLite's triggers, PostgreSQL's index
 * on the text). The source is read in one transaction too, so a consistent snapshot is copied.
 * Returns the row counts of both sides, table by table, which the copy has checked are equal.
 */
export async function copyDatabase(source: Db, target: Db): Promise<TableCount[]> {
  const unmigrated = await pendingMigrations(source);
  if (unmigrated.length > 0) {
    throw new CopyRefused(
      `the source database is not up to date (${unmigrated.length} migrations to apply): run npm run db:migrate on it first`,
    );
  }
  await migrateToLatest(target);
  const filled: { table: string; rows: number }[] = [];
  for (const { table } of COPY_ORDER) {
    const rows = await countRows(target, table);
    if (rows > 0) filled.push({ table, rows });
  }
  if (filled.length > 0) {
    const rows = filled.reduce((sum, table) => sum + table.rows, 0);
    const named = filled.slice(0, 3).map((table) => table.table);
    throw new CopyRefused(
      `the target database is not empty (${rows} rows in ${filled.length} tables: ${named.join(', ')}${filled.length > 3 ? ', …' : ''}); db:copy copies only into an empty one`,
    );
  }

  let reading = source.transaction();
  if (dialectOf(source) === 'postgres') reading = reading.setIsolationLevel('repeatable read');
  const counts = await reading.execute((snapshot) =>
    target.transaction().execute(async (writing) => {
      const counts: TableCount[] = [];
      for (const copied of COPY_ORDER) {
        await copyTable(snapshot, writing, copied);
        counts.push({
          table: copied.table,
          source: await countRows(snapshot, copied.table),
          target: await countRows(writing, copied.table),
        });
      }
      const differing = counts.filter((count) => count.source !== count.target);
      if (differing.length > 0) {
        throw new CopyRefused(
          `row counts differ after copying, nothing was kept: ${differing.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`,
        );
      }
      await advanceSequences(writing);
      return counts;
    }),
  );
  // The planner knows nothing of rows that arrived in bulk until statistics are gathered (the
  // autovacuum daemon would, some minutes later); without them the first digests plan blind.
  if (dialectOf(target) === 'postgres') await sql`analyze`.execute(target);
  return counts;
}

/** The counts as a table for the terminal, with a total. */
export function formatCounts(counts: readonly TableCount[]): string {
  const total = counts.reduce(
    (sum, count) => ({
      table: 'total',
      source: sum.source + count.source,
      target: sum.target + count.target,
    }),
    { table: 'total', source: 0, target: 0 },
  );
  const lines = [{ table: 'table', source: 'source', target: 'target' }, ...counts, total].map((count) => [
    count.table,
    String(count.source),
    String(count.target),
  ]);
  const width = (column: number) => Math.max(...lines.map((line) => (line[column] ?? '').length));
  return lines
    .map(([table = '', source = '', target = '']) =>
      `${table.padEnd(width(0))}  ${source.padStart(width(1))}  ${target.padStart(width(2))}`.trimEnd(),
    )
    .join('\n');
}
