import type { AppContext } from '../context.js';
import { type CalendarWeek, calendarWeekOf } from '../shared/calendar-week.js';
import { findGuildTimezone } from './settings-queries.js';

/** The guild's current week (Monday 00:00 in its time zone, or the configured default's). */
export async function findCurrentGuildWeek(ctx: AppContext, guildId: string): Promise<CalendarWeek> {
  const timeZone = await findGuildTimezone(ctx.db, guildId, ctx.config.defaultTimezone);
  return calendarWeekOf(ctx.clock.now(), timeZone);
}
