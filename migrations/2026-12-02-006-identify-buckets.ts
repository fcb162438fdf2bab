import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Discord lets one IDENTIFY through per bucket (`shard_id % max_concurrency`) every 5 seconds,
// counted for the bot, not per process. The processes of a fleet, on one machine or many, take
// turns through one row per bucket: a process may identify once it has moved `identified_at`
// forward from the value it read (a compare-and-set), and only if that was long enough ago.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identify_buckets')
    .addColumn('bucket', 'integer', (col) => col.primaryKey())
    .addColumn('identified_at', 'text', (col) => col.notNull())
    .addColumn('identified_by', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identify_buckets').execute();
}
