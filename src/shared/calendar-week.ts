import { DateTime } from 'luxon';

/** A week of a guild's calendar: Monday 00:00 to the next Monday 00:00 in its time zone. */
export interface CalendarWeek {
  /** The Monday as an ISO date (`2026-11-23`); identifies the week whatever the zone's offset. */
  start: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The latest week computed per zone: nearly every call asks about this week, and luxon's zone
 * arithmetic is a noticeable part of a /check. Weeks do not overlap, so an instant inside a
 * cached week's bounds belongs to it.
 */
const latestWeek = new Map<string, CalendarWeek>();

/** A copy, so a caller that changes its dates cannot change the cached week. */
function copyOf(week: CalendarWeek): CalendarWeek {
  return { start: week.start, startsAt: new Date(week.startsAt), endsAt: new Date(week.endsAt) };
}

/** The week containing `instant` in `timeZone`; its bounds follow daylight-saving changes. */
export function calendarWeekOf(instant: Date, timeZone: string): CalendarWeek {
  const cached = latestWeek.get(timeZone);
  const time = instant.getTime();
  if (cached && cached.startsAt.getTime() <= time && time < cached.endsAt.getTime()) return copyOf(cached);
  const monday = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('week');
  const week = {
    start: monday.toISODate() ?? '',
    startsAt: monday.toJSDate(),
    endsAt: monday.plus({ weeks: 1 }).toJSDate(),
  };
  latestWeek.set(timeZone, week);
  return copyOf(week);
}

const DAY_MS = 86_400_000;

/** Whole weeks from one week's Monday to another's (negative when `to` comes first). */
export function weeksBetween(fromWeekStart: string, toWeekStart: string): number {
  // A date-only ISO string parses as UTC midnight, so the difference is whole days.
  return Math.round((Date.parse(toWeekStart) - Date.parse(fromWeekStart)) / DAY_MS / 7);
}
