import type { Db } from '../db/connection.js';
import type { MemberStreak } from '../db/schema.js';
import { calendarWeekOf } from '../shared/calendar-week.js';
import { advanceStreak, type StreakState, type StreakSummary, streakAsOf } from './streaks.js';

function toState(row: MemberStreak | undefined): StreakState | undefined {
  return row
    ? {
        currentWeeks: row.current_weeks,
        longestWeeks: row.longest_weeks,
        lastActiveWeek: row.last_active_week,
      }
    : undefined;
}

async function findStreakRow(db: Db, guildId: string, userId: string): Promise<MemberStreak | undefined> {
  return db
    .selectFrom('member_streaks')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Counts activity at `occurredAt` towards the member's streak (weeks in `timeZone`). */
export async function advanceMemberStreak(
  db: Db,
  member: { guildId: string; userId: string },
  occurredAt: Date,
  timeZone: string,
): Promise<StreakState> {
  const previous = toState(await findStreakRow(db, member.guildId, member.userId));
  const next = advanceStreak(previous, calendarWeekOf(occurredAt, timeZone).start);
  if (next === previous) return next;
  const values = {
    current_weeks: next.currentWeeks,
    longest_weeks: next.longestWeeks,
    last_active_week: next.lastActiveWeek,
    updated_at: occurredAt.toISOString(),
  };
  await db
    .insertInto('member_streaks')
    .values({ guild_id: member.guildId, user_id: member.userId, ...values })
    .onConflict((conflict) => conflict.columns(['guild_id', 'user_id']).doUpdateSet(values))
    .execute();
  return next;
}

/** The member's streak as shown during `currentWeek` (the Monday's ISO date in the guild's zone). */
export async function findMemberStreak(
  db: Db,
  guildId: string,
  userId: string,
  currentWeek: string,
): Promise<StreakSummary> {
  return streakAsOf(toState(await findStreakRow(db, guildId, userId)), currentWeek);
}
