import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarWeekOf, weeksBetween } from '../../src/shared/calendar-week.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata'] as const;

describe('calendarWeekOf, cached per zone', () => {
  it('GIVEN instants in any order and zone (across DST changes) THEN each gets the week luxon computes afresh', () => {
    const instant = fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2028-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 20 }),
        (calls) => {
          for (const [at, zone] of calls) {
            const monday = DateTime.fromJSDate(at, { zone }).startOf('week');
            expect(calendarWeekOf(at, zone)).toEqual({
              start: monday.toISODate(),
              startsAt: monday.toJSDate(),
              endsAt: monday.plus({ weeks: 1 }).toJSDate(),
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('GIVEN a caller that changes the dates it got THEN the next caller still gets the true week', () => {
    const at = new Date('2026-11-26T10:00:00Z');
    calendarWeekOf(at, 'UTC').startsAt.setUTCFullYear(1999);
    expect(calendarWeekOf(at, 'UTC').startsAt).toEqual(new Date('2026-11-23T00:00:00Z'));
  });

  it('GIVEN two Mondays THEN weeksBetween counts whole weeks, across years and backwards', () => {
    expect(weeksBetween('2026-11-23', '2026-11-30')).toBe(1);
    expect(weeksBetween('2026-12-28', '2027-01-04')).toBe(1);
    expect(weeksBetween('2026-11-30', '2026-11-23')).toBe(-1);
    expect(weeksBetween('2025-11-24', '2026-11-23')).toBe(52);
  });
});
