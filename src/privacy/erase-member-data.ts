import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';

/** Tables whose rows about the member are deleted outright. */
export const ERASED_TABLES = [
  'member_progress',
  'activity_events',
  'learnings',
  'project_reflections',
  'projects',
  'goals',
  'feedback_requests',
  'discussion_threads',
  'thread_replies',
  'member_settings',
  'member_roadmaps',
  'member_streaks',
  'member_nudges',
  'view_states',
  /** Posts by or for the member, delivered or not: a pending one is never posted after erasure. */
  'outbox',
] as const;
export type ErasedTable = (typeof ERASED_TABLES)[number];
/** Tables keyed by (guild_id, the member's id); the member's column is `user_id` unless named here. */
type MemberKeyedTable = Exclude<ErasedTable, 'project_reflections'>;
const MEMBER_COLUMN: Partial<Record<MemberKeyedTable, string>> = {
  feedback_requests: 'requester_id',
  discussion_threads: 'owner_user_id',
  outbox: 'owner_id',
};

/** Rows that stay because others rely on them, with the member's id removed. */
export const ANONYMISED_RECORDS = [
  /** Resources the member added: the library entry stays, without its author. */
  'resources',
  /** Other members' events that name the member (e.g. feedback given to them). */
  'activity_events_target',
  /** Other members' feedback requests the member closed. */
  'feedback_requests_resolved_by',
  /** Other members' feedback requests that thanked the member. */
  'feedback_requests_thanked',
] as const;
export type AnonymisedRecord = (typeof ANONYMISED_RECORDS)[number];

/** A public message the bot posted for the member (a learning, a feedback request). */
export interface PublicPost {
  channelId: string;
  messageId: string;
}

export interface ErasureResult {
  deleted: Record<ErasedTable, number>;
  anonymised: Record<AnonymisedRecord, number>;
  /** Posts the bot made for the member, now without a record behind them. */
  publicPosts: PublicPost[];
}

function rowCount(result: { numDeletedRows: bigint } | { numUpdatedRows: bigint }): number {
  return Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
}

/**
 * Erases what Waymark stores about `userId` in `guildId`, in ONE transaction: either all of it
 * goes or nothing does. Shared records survive anonymised; rows of other members stay intact.
 * The learnings full-text index follows the deletes through its triggers (migration 003).
 */
export async function eraseMemberData(db: Db, guildId: string, userId: string): Promise<ErasureResult> {
  return inTransaction(db, async (trx) => {
    const learningPosts = await trx
      .selectFrom('learnings')
      .select(['channel_id', 'message_id'])
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .where('channel_id', 'is not', null)
      .where('message_id', 'is not', null)
      .execute();
    const requestPosts = await trx
      .selectFrom('feedback_requests')
      .select(['channel_id', 'message_id'])
      .where('guild_id', '=', guildId)
      .where('requester_id', '=', userId)
      .execute();
    const publicPosts = [...learningPosts, ...requestPosts].flatMap((post) =>
      post.channel_id && post.message_id ? [{ channelId: post.channel_id, messageId: post.message_id }] : [],
    );

    const memberProjects = trx
      .selectFrom('projects')
      .select('id')
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId);
    // Kysely cannot type a delete over a union of tables, so the query is typed as one of them.
    const deleteOwnRows = async (table: MemberKeyedTable): Promise<number> =>
      rowCount(
        await trx
          .deleteFrom(table as 'member_progress')
          .where('guild_id', '=', guildId)
          .where((MEMBER_COLUMN[table] ?? 'user_id') as 'user_id', '=', userId)
          .executeTakeFirst(),
      );

    const deleted: Record<ErasedTable, number> = {
      member_progress: await deleteOwnRows('member_progress'),
      activity_events: await deleteOwnRows('activity_events'),
      learnings: await deleteOwnRows('learnings'),
      // Before their projects: the cascade would delete them too, uncounted.
      project_reflections: rowCount(
        await trx
          .deleteFrom('project_reflections')
          .where('project_id', 'in', memberProjects)
          .executeTakeFirst(),
      ),
      projects: await deleteOwnRows('projects'),
      goals: await deleteOwnRows('goals'),
      feedback_requests: await deleteOwnRows('feedback_requests'),
      discussion_threads: await deleteOwnRows('discussion_threads'),
      thread_replies: await deleteOwnRows('thread_replies'),
      member_settings: await deleteOwnRows('member_settings'),
      member_roadmaps: await deleteOwnRows('member_roadmaps'),
      member_streaks: await deleteOwnRows('member_streaks'),
      member_nudges: await deleteOwnRows('member_nudges'),
      view_states: await deleteOwnRows('view_states'),
      outbox: await deleteOwnRows('outbox'),
    };

    const anonymised: Record<AnonymisedRecord, number> = {
      resources: rowCount(
        await trx
          .updateTable('resources')
          .set({ user_id: null })
          .where('guild_id', '=', guildId)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      ),
      activity_events_target: rowCount(
        await trx
          .updateTable('activity_events')
          .set({ target_user_id: null })
          .where('guild_id', '=', guildId)
          .where('target_user_id', '=', userId)
          .executeTakeFirst(),
      ),
      feedback_requests_resolved_by: rowCount(
        await trx
          .updateTable('feedback_requests')
          .set({ resolved_by: null })
          .where('guild_id', '=', guildId)
          .where('resolved_by', '=', userId)
          .executeTakeFirst(),
      ),
      feedback_requests_thanked: rowCount(
        await trx
          .updateTable('feedback_requests')
          .set({ thanked_user_id: null })
          .where('guild_id', '=', guildId)
          .where('thanked_user_id', '=', userId)
          .executeTakeFirst(),
      ),
    };
    return { deleted, anonymised, publicPosts };
  });
}
