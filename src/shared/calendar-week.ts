import { DateTime } from 'luxon';

/** A week of a guild's calendar: Monday 00:00 to the next Monday 00:00 in its time zone. */
export interface CalendarWeek {
  /** The Monday as an ISO date (`2026-11-23`); identifies the week whatever the zone's offset. */
  start: string;
  startsAt: Date;
  endsAt: Date;
}

/** The week containing `instant` in `timeZone`; its bounds follow daylight-saving changes. */
export function calendarWeekOf(instant: Date, timeZone: string): CalendarWeek {
  const monday = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('week');
  return {
    start: monday.toISODate() ?? '',
    startsAt: monday.toJSDate(),
    endsAt: monday.plus({ weeks: 1 }).toJSDate(),
  };
}

/** Whole weeks from one week's Monday to another's (negative when `to` comes first). */
export function weeksBetween(fromWeekStart: string, toWeekStart: string): number {
  const from = DateTime.fromISO(fromWeekStart, { zone: 'UTC' });
  const to = DateTime.fromISO(toWeekStart, { zone: 'UTC' });
  return Math.round(to.diff(from, 'days').days / 7);
}
