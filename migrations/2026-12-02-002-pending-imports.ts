import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A re-import is shown as a dry run before it is applied. The parsed file waits here between the
// preview and the Apply button, so what is applied is what was previewed, without trusting
// anything the client sends back; the roadmap's version at preview time tells whether the
// roadmap changed in between. Rows live minutes: the prune job removes the stale ones.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_roadmap_imports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('roadmap_id', 'integer', (col) => col.notNull().references('roadmaps.id').onDelete('cascade'))
    .addColumn('roadmap_version', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('parsed', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('pending_roadmap_imports_created')
    .on('pending_roadmap_imports')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pending_roadmap_imports').execute();
}
