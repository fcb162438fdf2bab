import type { Kysely } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code, so it runs the same forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guild_settings')
    .addColumn('guild_id', 'text', (col) => col.primaryKey())
    .addColumn('timezone', 'text')
    .addColumn('nudges_enabled', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('nudge_silence_days', 'integer', (col) => col.notNull().defaultTo(7))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('member_settings')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('timezone', 'text')
    .addColumn('nudges', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('public_profile', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_settings_pk', ['guild_id', 'user_id'])
    .execute();

  // The one place that answers "what happened in this guild between two instants":
  // progress, sharing and feedback all append here; digests and streaks read it.
  await db.schema
    .createTable('activity_events')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('roadmap_id', 'integer')
    .addColumn('item_id', 'integer')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('subject_id', 'integer')
    .addColumn('target_user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('link', 'text')
    .execute();
  await db.schema
    .createIndex('activity_events_guild_time')
    .on('activity_events')
    .columns(['guild_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('activity_events_member_time')
    .on('activity_events')
    .columns(['guild_id', 'user_id', 'occurred_at'])
    .execute();

  // Paginated views keep their filters here rather than in a 100-character custom id,
  // so their buttons keep working across restarts.
  await db.schema
    .createTable('view_states')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('view_states_created').on('view_states').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('view_states').execute();
  await db.schema.dropTable('activity_events').execute();
  await db.schema.dropTable('member_settings').execute();
  await db.schema.dropTable('guild_settings').execute();
}
