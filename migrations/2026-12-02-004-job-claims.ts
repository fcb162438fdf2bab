import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Several processes run the same schedule. A job that is not per server (pruning, backups) must
// still run once per firing across all of them: the first process to insert the firing's row
// runs it, the others see the key taken and skip.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_claims')
    .addColumn('job', 'text', (col) => col.notNull())
    // The scheduled instant (ISO, to the minute) the run belongs to, the same in every process.
    .addColumn('firing', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('job_claims_job_firing', ['job', 'firing'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_claims').execute();
}
