import { DateTime } from 'luxon';

/** When a guild's digest posts: an ISO weekday (1 = Monday … 7 = Sunday) and a local hour. */
export interface DigestTiming {
  day: number;
  hour: number;
  timezone: string;
}

/** A half-open interval of instants, [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * One week's digest. `key` names the guild-local ISO week that contains the slot
 * (`2026-W49`) and is the unique claim key: re-running setup with another day or hour,
 * or sending by hand, still cannot produce a second digest in the same week.
 */
export interface DigestSlot {
  key: string;
  at: Date;
  /**
   * The 7 whole local days before the slot's day (167 or 169 hours across a daylight-saving
   * change). Whole days, so the chart's days are calendar days and back-to-back weeks tile:
   * what happens on the slot's day before it posts is in the next week's digest.
   */
  period: Period;
}

export const SLOT_CATCH_UP_MS = 24 * 60 * 60 * 1000;

function inZone(instant: Date, timezone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: timezone });
}

function weekKey(monday: DateTime): string {
  return `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`;
}

/**
 * The slot of the ISO week starting at `monday` (local midnight). Built from the local wall
 * time, so 09:00 stays 09:00 in summer and in winter. A wall time that does not exist (the
 * hour skipped in spring) moves forward by the gap; a repeated one (autumn) resolves to its
 * later occurrence, as luxon does.
 */
function slotOfWeek(timing: DigestTiming, monday: DateTime): DigestSlot {
  const date = monday.plus({ days: timing.day - 1 });
  const at = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: timing.hour },
    { zone: timing.timezone },
  );
  const dayStart = date.startOf('day');
  return {
    key: weekKey(monday),
    at: at.toJSDate(),
    period: { start: dayStart.minus({ weeks: 1 }).toJSDate(), end: dayStart.toJSDate() },
  };
}

function mondayOf(instant: Date, timezone: string): DateTime {
  return inZone(instant, timezone).startOf('week');
}

/** The slot of the guild-local week that contains `instant`, whether already past or not. */
export function slotInWeekOf(timing: DigestTiming, instant: Date): DigestSlot {
  return slotOfWeek(timing, mondayOf(instant, timing.timezone));
}

/** The latest slot at or before `instant`. */
export function slotAtOrBefore(timing: DigestTiming, instant: Date): DigestSlot {
  const monday = mondayOf(instant, timing.timezone);
  const slot = slotOfWeek(timing, monday);
  return slot.at <= instant ? slot : slotOfWeek(timing, monday.minus({ weeks: 1 }));
}

/** The first slot strictly after `instant`. */
export function nextSlotAfter(timing: DigestTiming, instant: Date): DigestSlot {
  const monday = mondayOf(instant, timing.timezone);
  const slot = slotOfWeek(timing, monday);
  return slot.at > instant ? slot : slotOfWeek(timing, monday.plus({ weeks: 1 }));
}

/**
 * The 7 local calendar days ending with the day that contains `end`, up to `end`: what a
 * preview or a digest sent by hand covers, so today's activity is in it.
 */
export function weekEndingAt(end: Date, timezone: string): Period {
  return { start: inZone(end, timezone).startOf('day').minus({ days: 6 }).toJSDate(), end };
}

/**
 * The same stretch of local time one week earlier: what a period's totals are compared
 * against, so a preview on Thursday afternoon compares with last week up to Thursday afternoon.
 */
export function previousPeriod(period: Period, timezone: string): Period {
  const weekEarlier = (instant: Date) => inZone(instant, timezone).minus({ weeks: 1 }).toJSDate();
  return { start: weekEarlier(period.start), end: weekEarlier(period.end) };
}

/** The local midnights of the 7 calendar days a period covers: the days its chart shows. */
export function dayStartsOf(period: Period, timezone: string): Date[] {
  const first = inZone(period.start, timezone).startOf('day');
  return Array.from({ length: 7 }, (_, index) => first.plus({ days: index }).startOf('day').toJSDate());
}
