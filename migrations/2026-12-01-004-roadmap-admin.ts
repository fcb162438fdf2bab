import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code.
//
// Admins can now undo roadmap mistakes. An archived roadmap keeps its rows (members' progress
// included) and only leaves lists, so archiving is two columns; a deleted roadmap leaves no row
// to hold who deleted it, so every admin change is written to a log of its own that outlives it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table roadmaps add column archived_at text`.execute(db);
  await sql`alter table roadmaps add column archived_by text`.execute(db);
  await db.schema
    .createTable('roadmap_admin_log')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    // No foreign key: the entry for a deletion names a roadmap that no longer exists.
    .addColumn('roadmap_id', 'integer', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('roadmap_admin_log_guild')
    .on('roadmap_admin_log')
    .columns(['guild_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('roadmap_admin_log').execute();
  await sql`alter table roadmaps drop column archived_by`.execute(db);
  await sql`alter table roadmaps drop column archived_at`.execute(db);
}
