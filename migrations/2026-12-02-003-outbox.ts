import type { Kysely } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code.
//
// Every public post Waymark makes on behalf of a change is written here in the change's own
// transaction, then delivered: a crash between the two leaves a pending row that is delivered
// later, never a change without its post. `claimed_by` names the process whose attempt is under
// way, so a restart knows which attempts were cut short.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    // The channel posted in; null for a direct message, which goes to `recipient_id`.
    .addColumn('channel_id', 'text')
    .addColumn('recipient_id', 'text')
    // The member the post is by or for, to tell them when it cannot be delivered.
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'integer')
    // The message as JSON, plus what the kind needs to record it once delivered.
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_guild_status').on('outbox').columns(['guild_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
