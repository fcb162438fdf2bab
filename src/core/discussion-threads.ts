import type { Db } from '../db/connection.js';
import type { DiscussionThread, FeedbackRequest } from '../db/schema.js';

export interface DiscussionThreadRegistration {
  guildId: string;
  threadId: string;
  /** The member whose post is discussed; their own messages are not counted as feedback. */
  ownerUserId: string;
  /** What the thread discusses, e.g. `learning`. */
  kind: string;
  /** The id of that record (the learning's id), carried on the `feedback_given` events. */
  subjectId: number | null;
  registeredAt: Date;
}

/**
 * Makes replies in a thread opened by another feature (a learning's "Discuss" thread) count
 * as feedback given to its owner. Registering the same thread again changes nothing.
 */
export async function registerDiscussionThread(db: Db, thread: DiscussionThreadRegistration): Promise<void> {
  await db
    .insertInto('discussion_threads')
    .values({
      thread_id: thread.threadId,
      guild_id: thread.guildId,
      owner_user_id: thread.ownerUserId,
      kind: thread.kind,
      subject_id: thread.subjectId,
      created_at: thread.registeredAt.toISOString(),
    })
    .onConflict((conflict) => conflict.column('thread_id').doNothing())
    .execute();
}

/** A thread whose replies Waymark counts: an open feedback request's, or a registered discussion. */
export type KnownThread =
  | { kind: 'feedback'; request: FeedbackRequest }
  | { kind: 'discussion'; thread: DiscussionThread };

export async function findKnownThread(db: Db, threadId: string): Promise<KnownThread | undefined> {
  const request = await db
    .selectFrom('feedback_requests')
    .selectAll()
    .where('thread_id', '=', threadId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (request) return { kind: 'feedback', request };
  const thread = await db
    .selectFrom('discussion_threads')
    .selectAll()
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return thread ? { kind: 'discussion', thread } : undefined;
}

/** Adds one reply by `userId`; returns how many replies they have now made in the thread. */
export async function countThreadReply(
  db: Db,
  reply: { guildId: string; threadId: string; userId: string; at: Date },
): Promise<number> {
  const at = reply.at.toISOString();
  const row = await db
    .insertInto('thread_replies')
    .values({
      thread_id: reply.threadId,
      user_id: reply.userId,
      guild_id: reply.guildId,
      reply_count: 1,
      first_reply_at: at,
      last_reply_at: at,
    })
    .onConflict((conflict) =>
      conflict.columns(['thread_id', 'user_id']).doUpdateSet((eb) => ({
        reply_count: eb('thread_replies.reply_count', '+', 1),
        last_reply_at: at,
      })),
    )
    .returning('reply_count')
    .executeTakeFirstOrThrow();
  return row.reply_count;
}

/** Everyone who replied in the thread, first helper first. */
export async function findThreadRepliers(db: Db, threadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('thread_replies')
    .select('user_id')
    .where('thread_id', '=', threadId)
    .orderBy('first_reply_at')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}
