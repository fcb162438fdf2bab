import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { ActivityEvent, NewActivityEvent } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { STREAK_ACTIVITY_KINDS } from './streaks.js';
import { advanceMemberStreak, findStreakContext } from './streaks-queries.js';

/** Every column named, so one prepared statement serves events of every kind. */
const insertEvent = preparedQuery((db, p: Required<Omit<NewActivityEvent, 'id'>>) =>
  db
    .insertInto('activity_events')
    .values({
      guild_id: p.guild_id,
      user_id: p.user_id,
      kind: p.kind,
      occurred_at: p.occurred_at,
      roadmap_id: p.roadmap_id,
      item_id: p.item_id,
      from_status: p.from_status,
      to_status: p.to_status,
      subject_id: p.subject_id,
      target_user_id: p.target_user_id,
      note: p.note,
      link: p.link,
    })
    .returningAll(),
);

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
    const recorded = await insertEvent.executeTakeFirstOrThrow(trx, {
      ...event,
      roadmap_id: event.roadmap_id ?? null,
      item_id: event.item_id ?? null,
      from_status: event.from_status ?? null,
      to_status: event.to_status ?? null,
      subject_id: event.subject_id ?? null,
      target_user_id: event.target_user_id ?? null,
      note: event.note ?? null,
      link: event.link ?? null,
    });
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
