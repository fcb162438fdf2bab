import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One schedule per guild. `day` is the ISO weekday (1 = Monday … 7 = Sunday), `hour` the
  // local hour in `timezone`; the slot instant is derived, so a daylight-saving change never
  // moves the local posting time.
  await db.schema
    .createTable('digest_schedules')
    .addColumn('guild_id', 'text', (col) => col.primaryKey())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('day', 'integer', (col) => col.notNull())
    .addColumn('hour', 'integer', (col) => col.notNull())
    .addColumn('timezone', 'text', (col) => col.notNull())
    .addColumn('paused', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  // One row per guild and digest week, inserted (claimed) BEFORE posting: the unique key is
  // what makes a restart, a second process or a retry unable to post the same week twice.
  await db.schema
    .createTable('digest_runs')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('slot_key', 'text', (col) => col.notNull())
    .addColumn('slot_at', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('digest_runs_guild_slot', ['guild_id', 'slot_key'])
    .execute();
  // Only unfinished runs are ever looked up across guilds (recovery and retries).
  await db.schema
    .createIndex('digest_runs_unfinished')
    .on('digest_runs')
    .columns(['status', 'next_attempt_at'])
    .where(sql.ref('status'), 'in', ['claimed', 'failed'])
    .execute();

  // "Which requests were answered or resolved": the digest looks events up by what they are
  // about, without scanning the guild's history.
  await db.schema
    .createIndex('activity_events_guild_kind_subject')
    .on('activity_events')
    .columns(['guild_id', 'kind', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('activity_events_guild_kind_subject').execute();
  await db.schema.dropTable('digest_runs').execute();
  await db.schema.dropTable('digest_schedules').execute();
}
