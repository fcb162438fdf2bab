import { countThreadReply, findKnownThread } from '../core/discussion-threads.js';
import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { markFeedbackThreadArchived } from './feedback-queries.js';

export interface ThreadMessage {
  guildId: string;
  threadId: string;
  authorId: string;
  at: Date;
}

export type ThreadMessageOutcome = 'unknown-thread' | 'owner' | 'counted';

/**
 * Counts a member's message in a feedback or discussion thread towards their help (authors
 * only; content is never read). In a discussion thread, which has no close step, the first
 * reply of each member is their `feedback_given`; feedback requests credit helpers on close.
 */
export async function recordThreadMessage(
  db: Db,
  message: ThreadMessage,
  defaultTimezone: string,
): Promise<ThreadMessageOutcome> {
  return inTransaction(db, async (trx) => {
    const known = await findKnownThread(trx, message.threadId);
    if (!known) return 'unknown-thread';
    if (known.kind === 'feedback' && known.request.thread_archived === 1) {
      // A message in an archived thread unarchives it.
      await markFeedbackThreadArchived(trx, message.threadId, false);
    }
    const ownerId = known.kind === 'feedback' ? known.request.requester_id : known.thread.owner_user_id;
    if (message.authorId === ownerId) return 'owner';
    const replies = await countThreadReply(trx, {
      guildId: message.guildId,
      threadId: message.threadId,
      userId: message.authorId,
      at: message.at,
    });
    if (known.kind === 'discussion' && replies === 1) {
      await recordActivity(
        trx,
        {
          guild_id: message.guildId,
          user_id: message.authorId,
          kind: 'feedback_given',
          occurred_at: message.at.toISOString(),
          subject_id: known.thread.subject_id,
          target_user_id: ownerId,
          note: known.thread.kind,
        },
        defaultTimezone,
      );
    }
    return 'counted';
  });
}
