import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A roadmap's items change only through an import, so a counter the import bumps in its own
// transaction tells anything that keeps items in memory (the autocomplete index) whether what
// it holds is still current, without comparing the items themselves.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table roadmaps add column version integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table roadmaps drop column version`.execute(db);
}
