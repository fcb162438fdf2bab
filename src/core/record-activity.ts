import type { Db } from '../db/connection.js';
import type { ActivityEvent, NewActivityEvent } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { STREAK_ACTIVITY_KINDS } from './streaks.js';
import { advanceMemberStreak, findStreakContext } from './streaks-queries.js';

/**
 * Appends to the guild's activity log. Every feature records through here (inside its own
 * transaction when it has one), so digests, streaks and nudges read a single history.
 * Activity that counts towards a weekly streak updates the member's streak in the same
 * transaction; `defaultTimezone` (config) places the week when the guild has no zone of its own.
 */
export async function recordActivity(
  db: Db,
  event: NewActivityEvent,
  defaultTimezone: string,
): Promise<ActivityEvent> {
  const write = async (trx: Db): Promise<ActivityEvent> => {
    const recorded = await trx
      .insertInto('activity_events')
      .values(event)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (STREAK_ACTIVITY_KINDS.has(recorded.kind)) {
      const member = { guildId: recorded.guild_id, userId: recorded.user_id };
      const context = await findStreakContext(trx, member, defaultTimezone);
      await advanceMemberStreak(trx, member, new Date(recorded.occurred_at), context);
    }
    return recorded;
  };
  // Callers that already have a transaction get both writes in theirs.
  return inTransaction(db, write);
}
