import type { AppContext } from '../context.js';
import { findGuildTimezone } from '../settings/settings-queries.js';
import { type CalendarWeek, calendarWeekOf } from '../shared/calendar-week.js';
import type { StreakSummary } from './streaks.js';
import { findMemberStreak } from './streaks-queries.js';

/** The guild's current week (Monday 00:00 in its time zone, or the configured default's). */
export async function findCurrentGuildWeek(ctx: AppContext, guildId: string): Promise<CalendarWeek> {
  const timeZone = await findGuildTimezone(ctx.db, guildId, ctx.config.defaultTimezone);
  return calendarWeekOf(ctx.clock.now(), timeZone);
}

/** The member's weekly streak as of now, e.g. for a reply after they checked an item. */
export async function findCurrentStreak(
  ctx: AppContext,
  guildId: string,
  userId: string,
): Promise<StreakSummary> {
  const week = await findCurrentGuildWeek(ctx, guildId);
  return findMemberStreak(ctx.db, guildId, userId, week.start);
}
