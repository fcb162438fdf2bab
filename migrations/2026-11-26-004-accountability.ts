import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A request is its public post plus the thread opened on it; the thread id is how gateway
  // message events find the request again.
  await db.schema
    .createTable('feedback_requests')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('requester_id', 'text', (col) => col.notNull())
    .addColumn('topic', 'text', (col) => col.notNull())
    .addColumn('link', 'text')
    .addColumn('details', 'text')
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('thread_id', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('thread_archived', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('thanked_user_id', 'text')
    .execute();
  await db.schema
    .createIndex('feedback_requests_guild_status')
    .on('feedback_requests')
    .columns(['guild_id', 'status', 'created_at'])
    .execute();

  // Threads opened by other features (a learning's "Discuss" thread) whose replies count as
  // feedback given to their owner.
  await db.schema
    .createTable('discussion_threads')
    .addColumn('thread_id', 'text', (col) => col.primaryKey())
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('owner_user_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  // Reply counts per author and thread; message content is never stored (nor received).
  await db.schema
    .createTable('thread_replies')
    .addColumn('thread_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('reply_count', 'integer', (col) => col.notNull())
    .addColumn('first_reply_at', 'text', (col) => col.notNull())
    .addColumn('last_reply_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('thread_replies_pk', ['thread_id', 'user_id'])
    .execute();

  // A goal belongs to one week of its guild's calendar; its end instant is fixed when it is
  // set, so the hourly job that marks missed goals needs no time-zone arithmetic.
  await db.schema
    .createTable('goals')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('item_id', 'integer', (col) => col.references('roadmap_items.id').onDelete('set null'))
    .addColumn('week_start', 'text', (col) => col.notNull())
    .addColumn('week_end_at', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('goals_member_week')
    .on('goals')
    .columns(['guild_id', 'user_id', 'week_start'])
    .execute();
  await db.schema
    .createIndex('goals_open_due')
    .on('goals')
    .column('week_end_at')
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('member_streaks')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('current_weeks', 'integer', (col) => col.notNull())
    .addColumn('longest_weeks', 'integer', (col) => col.notNull())
    .addColumn('last_active_week', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_streaks_pk', ['guild_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('member_nudges')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('last_nudged_at', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_nudges_pk', ['guild_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_nudges').execute();
  await db.schema.dropTable('member_streaks').execute();
  await db.schema.dropTable('goals').execute();
  await db.schema.dropTable('thread_replies').execute();
  await db.schema.dropTable('discussion_threads').execute();
  await db.schema.dropTable('feedback_requests').execute();
}
