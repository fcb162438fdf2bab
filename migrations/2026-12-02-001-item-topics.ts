import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Large roadmaps group their items under topics (headings inside list items, bold labels), and
// write each item as a sentence or a paragraph with badges. Items keep the topic they sit
// under, a short label with the rest of their text as a description, and the badges' alt texts
// as tags (a JSON array of strings, read by the application, never by SQL). A section was the
// only grouping so far, so it is each existing item's topic.
//
// Export gives back the file that was imported, prose and tables included, with the member's
// marks: the imported text is kept per roadmap with where each item's marks are in it (JSON),
// in a table of its own so that the many queries that read roadmap rows never load up to a
// megabyte of markdown with them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table roadmap_items add column topic text`.execute(db);
  await sql`alter table roadmap_items add column description text`.execute(db);
  await sql`alter table roadmap_items add column tags text`.execute(db);
  await sql`update roadmap_items set topic = section`.execute(db);
  await db.schema
    .createTable('roadmap_sources')
    .addColumn('roadmap_id', 'integer', (col) =>
      col.primaryKey().references('roadmaps.id').onDelete('cascade'),
    )
    .addColumn('markdown', 'text', (col) => col.notNull())
    .addColumn('marks', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('roadmap_sources').execute();
  await sql`alter table roadmap_items drop column tags`.execute(db);
  await sql`alter table roadmap_items drop column description`.execute(db);
  await sql`alter table roadmap_items drop column topic`.execute(db);
}
