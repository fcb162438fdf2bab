import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Each process writes, every few seconds, one row per shard it runs: which process, its ping and
// how many servers it holds. `/about` reads the fleet from here; a row that stopped being
// refreshed is a shard that is down.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shard_heartbeats')
    .addColumn('shard_id', 'integer', (col) => col.primaryKey())
    .addColumn('shard_count', 'integer', (col) => col.notNull())
    .addColumn('process_id', 'text', (col) => col.notNull())
    // -1 until the shard has measured a heartbeat round trip.
    .addColumn('ping_ms', 'integer', (col) => col.notNull())
    .addColumn('servers', 'integer', (col) => col.notNull())
    .addColumn('process_started_at', 'text', (col) => col.notNull())
    .addColumn('beat_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shard_heartbeats').execute();
}
