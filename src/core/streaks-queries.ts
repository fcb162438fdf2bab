import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import { calendarWeekOf } from '../shared/calendar-week.js';
import {
  advanceStreak,
  type StreakContext,
  type StreakState,
  type StreakSummary,
  streakShownAt,
} from './streaks.js';

const streakContext = preparedQuery((db, p: { guildId: string; userId: string }) =>
  db
    .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('base'))
    .leftJoin('guild_settings', (join) => join.on('guild_settings.guild_id', '=', p.guildId))
    .leftJoin('member_streaks', (join) =>
      join.on('member_streaks.guild_id', '=', p.guildId).on('member_streaks.user_id', '=', p.userId),
    )
    .select([
      'guild_settings.timezone',
      'member_streaks.current_weeks',
      'member_streaks.longest_weeks',
      'member_streaks.last_active_week',
    ]),
);

/**
 * The guild's time zone (or `defaultTimezone`) and the member's streak in one statement: every
 * streak-counting write and every /check reply needs both.
 */
export async function findStreakContext(
  db: Db,
  member: { guildId: string; userId: string },
  defaultTimezone: string,
): Promise<StreakContext> {
  const row = await streakContext.executeTakeFirstOrThrow(db, member);
  return {
    timeZone: row.timezone ?? defaultTimezone,
    state:
      row.last_active_week === null
        ? undefined
        : {
            currentWeeks: row.current_weeks ?? 0,
            longestWeeks: row.longest_weeks ?? 0,
            lastActiveWeek: row.last_active_week,
          },
  };
}

const saveStreak = preparedQuery(
  (
    db,
    p: {
      guildId: string;
      userId: string;
      currentWeeks: number;
      longestWeeks: number;
      lastActiveWeek: string;
      updatedAt: string;
    },
  ) => {
    const values = {
      current_weeks: p.currentWeeks,
      longest_weeks: p.longestWeeks,
      last_active_week: p.lastActiveWeek,
      updated_at: p.updatedAt,
    };
    return db
      .insertInto('member_streaks')
      .values({ guild_id: p.guildId, user_id: p.userId, ...values })
      .onConflict((conflict) => conflict.columns(['guild_id', 'user_id']).doUpdateSet(values));
  },
);

/** Counts activity at `occurredAt` towards the member's streak, given the streak so far. */
export async function advanceMemberStreak(
  db: Db,
  member: { guildId: string; userId: string },
  occurredAt: Date,
  context: StreakContext,
): Promise<StreakState> {
  const previous = context.state;
  const next = advanceStreak(previous, calendarWeekOf(occurredAt, context.timeZone).start);
  if (next === previous) return next;
  await saveStreak.run(db, {
    guildId: member.guildId,
    userId: member.userId,
    currentWeeks: next.currentWeeks,
    longestWeeks: next.longestWeeks,
    lastActiveWeek: next.lastActiveWeek,
    updatedAt: occurredAt.toISOString(),
  });
  return next;
}

/** The member's streak as shown at `at`, in the guild's week (one statement). */
export async function findCurrentStreak(
  db: Db,
  member: { guildId: string; userId: string },
  at: Date,
  defaultTimezone: string,
): Promise<StreakSummary> {
  return streakShownAt(await findStreakContext(db, member, defaultTimezone), at);
}
