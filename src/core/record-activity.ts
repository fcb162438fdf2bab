import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { NewActivityEvent } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { STREAK_ACTIVITY_KINDS, type StreakContext } from './streaks.js';
import { advanceMemberStreak, findStreakContext } from './streaks-queries.js';

/** Every column named (those an event leaves out are null), so one prepared statement serves events of every kind. */
const insertEvent = preparedQuery((db, p: Omit<NewActivityEvent, 'id'>) =>
  db.insertInto('activity_events').values({
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
  }),
);

/**
 * Appends to the guild's activity log. Every feature records through here (inside its own
 * transaction when it has one), so digests, streaks and nudges read a single history.
 * Activity that counts towards a weekly streak updates the member's streak in the same
 * transaction; `defaultTimezone` (config) places the week when the guild has no zone of its own.
 * Returns the member's streak after it (and the zone that placed it), so a reply can show it
 * without reading it again; nothing for activity that does not count towards a streak.
 */
export async function recordActivity(
  db: Db,
  event: NewActivityEvent,
  defaultTimezone: string,
): Promise<StreakContext | undefined> {
  const write = async (trx: Db): Promise<StreakContext | undefined> => {
    await insertEvent.run(trx, event);
    if (!STREAK_ACTIVITY_KINDS.has(event.kind)) return undefined;
    const member = { guildId: event.guild_id, userId: event.user_id };
    const context = await findStreakContext(trx, member, defaultTimezone);
    const state = await advanceMemberStreak(trx, member, new Date(event.occurred_at), context);
    return { timeZone: context.timeZone, state };
  };
  // Callers that already have a transaction get both writes in theirs.
  return inTransaction(db, write);
}
