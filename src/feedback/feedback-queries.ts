import { findThreadRepliers } from '../core/discussion-threads.js';
import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import type { FeedbackRequest, NewFeedbackRequest } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';

/**
 * `feedback_given` events say where the help happened in `note`: this for a feedback request
 * (`subject_id` is the request), or a discussion thread's kind such as `learning`
 * (`subject_id` is the learning).
 */
export const FEEDBACK_REQUEST_NOTE = 'feedback_request';

/** Stores an open request and logs `feedback_requested`, together. */
export async function createFeedbackRequest(
  db: Db,
  request: NewFeedbackRequest,
  defaultTimezone: string,
): Promise<FeedbackRequest> {
  return inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('feedback_requests')
      .values(request)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordActivity(
      trx,
      {
        guild_id: created.guild_id,
        user_id: created.requester_id,
        kind: 'feedback_requested',
        occurred_at: created.created_at,
        subject_id: created.id,
        note: created.topic,
        link: created.link,
      },
      defaultTimezone,
    );
    return created;
  });
}

export async function findFeedbackRequestByThread(
  db: Db,
  threadId: string,
): Promise<FeedbackRequest | undefined> {
  return db.selectFrom('feedback_requests').selectAll().where('thread_id', '=', threadId).executeTakeFirst();
}

export interface OpenFeedbackRequest extends FeedbackRequest {
  /** Members other than the requester who replied in the thread. */
  helper_count: number;
  reply_count: number;
}

/** The guild's open requests: unanswered ones first, then by age, oldest first. */
export async function findOpenFeedbackRequests(db: Db, guildId: string): Promise<OpenFeedbackRequest[]> {
  const replies = db
    .selectFrom('thread_replies')
    .select((eb) => [
      'thread_id',
      eb.fn.countAll<number>().as('helpers'),
      eb.fn.sum<number>('reply_count').as('replies'),
    ])
    .where('guild_id', '=', guildId)
    .groupBy('thread_id')
    .as('replies');
  const rows = await db
    .selectFrom('feedback_requests as request')
    .leftJoin(replies, 'replies.thread_id', 'request.thread_id')
    .selectAll('request')
    .select(['replies.helpers', 'replies.replies'])
    .where('request.guild_id', '=', guildId)
    .where('request.status', '=', 'open')
    .orderBy((eb) => eb.case().when('replies.helpers', 'is', null).then(0).else(1).end())
    .orderBy('request.created_at')
    .orderBy('request.id')
    .execute();
  return rows.map(({ helpers, replies: replyCount, ...request }) => ({
    ...request,
    helper_count: Number(helpers ?? 0),
    reply_count: Number(replyCount ?? 0),
  }));
}

export interface FeedbackResolution {
  requestId: number;
  resolvedBy: string;
  thankedUserId: string | null;
  at: Date;
}

/**
 * Resolves an open request and credits its helpers: everyone who replied in the thread gets one
 * `feedback_given`. Thanks add no credit of their own (they single out one of the repliers).
 * Returns the credited members, or undefined when the request was no longer open.
 */
export async function resolveFeedbackRequest(
  db: Db,
  resolution: FeedbackResolution,
  defaultTimezone: string,
): Promise<{ request: FeedbackRequest; helpers: string[] } | undefined> {
  return inTransaction(db, async (trx) => {
    const at = resolution.at.toISOString();
    const request = await trx
      .updateTable('feedback_requests')
      .set({
        status: 'resolved',
        resolved_at: at,
        resolved_by: resolution.resolvedBy,
        thanked_user_id: resolution.thankedUserId,
      })
      .where('id', '=', resolution.requestId)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!request) return undefined;
    const helpers = await findThreadRepliers(trx, request.thread_id);
    await recordActivity(
      trx,
      {
        guild_id: request.guild_id,
        user_id: request.requester_id,
        kind: 'feedback_resolved',
        occurred_at: at,
        subject_id: request.id,
        target_user_id: request.thanked_user_id,
        note: request.topic,
      },
      defaultTimezone,
    );
    for (const helper of helpers) {
      await recordActivity(
        trx,
        {
          guild_id: request.guild_id,
          user_id: helper,
          kind: 'feedback_given',
          occurred_at: at,
          subject_id: request.id,
          target_user_id: request.requester_id,
          note: FEEDBACK_REQUEST_NOTE,
        },
        defaultTimezone,
      );
    }
    return { request, helpers };
  });
}

/** A deleted thread cannot be answered any more: its open request is abandoned. */
export async function abandonFeedbackRequestByThread(db: Db, threadId: string): Promise<boolean> {
  const result = await db
    .updateTable('feedback_requests')
    .set({ status: 'abandoned' })
    .where('thread_id', '=', threadId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deleting a channel deletes its threads without a thread-delete event for each. */
export async function abandonFeedbackRequestsInChannel(db: Db, channelId: string): Promise<number> {
  const result = await db
    .updateTable('feedback_requests')
    .set({ status: 'abandoned' })
    .where('channel_id', '=', channelId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markFeedbackThreadArchived(db: Db, threadId: string, archived: boolean): Promise<void> {
  await db
    .updateTable('feedback_requests')
    .set({ thread_archived: archived ? 1 : 0 })
    .where('thread_id', '=', threadId)
    .where('status', '=', 'open')
    .execute();
}

export interface FeedbackTally {
  given: number;
  received: number;
  openRequests: number;
}

/** How often the member helped and was helped (one per thread and helper), and what they still ask. */
export async function countMemberFeedback(db: Db, guildId: string, userId: string): Promise<FeedbackTally> {
  const events = await db
    .selectFrom('activity_events')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('user_id', '=', userId).then(1).else(0).end()).as('given'),
      eb.fn.sum<number>(eb.case().when('target_user_id', '=', userId).then(1).else(0).end()).as('received'),
    ])
    .where('guild_id', '=', guildId)
    .where('kind', '=', 'feedback_given')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('target_user_id', '=', userId)]))
    .executeTakeFirst();
  const open = await db
    .selectFrom('feedback_requests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('guild_id', '=', guildId)
    .where('requester_id', '=', userId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return {
    given: Number(events?.given ?? 0),
    received: Number(events?.received ?? 0),
    openRequests: Number(open?.count ?? 0),
  };
}
