import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { advanceStreak, describeStreak, type StreakState, streakAsOf } from '../../src/core/streaks.js';
import { calendarWeekOf, weeksBetween } from '../../src/shared/calendar-week.js';

describe('calendarWeekOf', () => {
  it('GIVEN activity at 23:59 on a Sunday in Berlin THEN it belongs to the week that started that Monday', () => {
    const sundayNight = new Date('2026-11-29T22:59:00Z'); // 23:59 CET
    expect(calendarWeekOf(sundayNight, 'Europe/Berlin').start).toBe('2026-11-23');
    expect(calendarWeekOf(new Date('2026-11-29T23:00:00Z'), 'Europe/Berlin').start).toBe('2026-11-30');
  });

  it('GIVEN activity at 23:59 on a Sunday in Los Angeles THEN it is still that week although it is Monday in UTC', () => {
    const sundayNight = new Date('2026-11-30T07:59:00Z'); // 23:59 PST
    expect(calendarWeekOf(sundayNight, 'America/Los_Angeles').start).toBe('2026-11-23');
    expect(calendarWeekOf(sundayNight, 'UTC').start).toBe('2026-11-30');
  });

  it('GIVEN Monday 00:30 in Tokyo THEN the new week has begun although it is still Sunday in UTC', () => {
    const mondayMorning = new Date('2026-11-29T15:30:00Z');
    expect(calendarWeekOf(mondayMorning, 'Asia/Tokyo').start).toBe('2026-11-30');
    expect(calendarWeekOf(mondayMorning, 'UTC').start).toBe('2026-11-23');
  });

  it('GIVEN the week in which Berlin leaves summer time THEN it lasts 169 hours and ends at local midnight', () => {
    const week = calendarWeekOf(new Date('2026-10-22T12:00:00Z'), 'Europe/Berlin');
    expect(week.start).toBe('2026-10-19');
    expect(week.startsAt.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(week.endsAt.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(calendarWeekOf(new Date('2026-10-25T22:59:00Z'), 'Europe/Berlin').start).toBe('2026-10-19');
  });

  it('GIVEN the week in which New York starts summer time THEN it lasts 167 hours', () => {
    const week = calendarWeekOf(new Date('2026-03-04T12:00:00Z'), 'America/New_York');
    expect(week.start).toBe('2026-03-02');
    expect(week.endsAt.getTime() - week.startsAt.getTime()).toBe(167 * 60 * 60 * 1000);
  });

  it('GIVEN any instant and zone THEN the week contains it and starts on a local Monday at midnight', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Pacific/Auckland',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const week = calendarWeekOf(instant, zone);
          expect(week.startsAt.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(week.endsAt.getTime()).toBeGreaterThan(instant.getTime());
          const localStart = DateTime.fromJSDate(week.startsAt, { zone });
          expect(localStart.weekday).toBe(1);
          expect(localStart.toISODate()).toBe(week.start);
        },
      ),
    );
  });
});

describe('weeksBetween', () => {
  it.each([
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-11-30', 1],
    ['2026-11-30', '2026-11-23', -1],
    ['2026-10-19', '2026-11-02', 2],
    ['2026-12-28', '2027-01-04', 1],
  ])('%s → %s is %i weeks', (from, to, expected) => {
    expect(weeksBetween(from, to)).toBe(expected);
  });
});

describe('advanceStreak', () => {
  const streakAfter = (weeks: string[]): StreakState | undefined =>
    weeks.reduce<StreakState | undefined>((state, week) => advanceStreak(state, week), undefined);

  it('GIVEN a first activity THEN the streak is one week', () => {
    expect(streakAfter(['2026-11-23'])).toEqual({
      currentWeeks: 1,
      longestWeeks: 1,
      lastActiveWeek: '2026-11-23',
    });
  });

  it('GIVEN several activities in one week THEN it counts once', () => {
    expect(streakAfter(['2026-11-23', '2026-11-23', '2026-11-23'])?.currentWeeks).toBe(1);
  });

  it('GIVEN consecutive weeks across a year boundary THEN the streak grows', () => {
    expect(streakAfter(['2026-12-21', '2026-12-28', '2027-01-04'])).toEqual({
      currentWeeks: 3,
      longestWeeks: 3,
      lastActiveWeek: '2027-01-04',
    });
  });

  it('GIVEN a week without activity THEN the streak restarts and the longest is kept', () => {
    expect(streakAfter(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-30'])).toEqual({
      currentWeeks: 1,
      longestWeeks: 3,
      lastActiveWeek: '2026-11-30',
    });
  });

  it('GIVEN activity dated before the last active week THEN nothing changes', () => {
    const state = streakAfter(['2026-11-16', '2026-11-23']);
    expect(advanceStreak(state, '2026-11-09')).toBe(state);
  });
});

describe('streakAsOf', () => {
  const state: StreakState = { currentWeeks: 4, longestWeeks: 6, lastActiveWeek: '2026-11-16' };

  it('GIVEN activity this week or last week THEN the current streak is alive', () => {
    expect(streakAsOf(state, '2026-11-16')).toEqual({ current: 4, longest: 6 });
    expect(streakAsOf(state, '2026-11-23')).toEqual({ current: 4, longest: 6 });
  });

  it('GIVEN a whole week without activity THEN the current streak is broken', () => {
    expect(streakAsOf(state, '2026-11-30')).toEqual({ current: 0, longest: 6 });
  });

  it('GIVEN no activity ever THEN both are zero', () => {
    expect(streakAsOf(undefined, '2026-11-30')).toEqual({ current: 0, longest: 0 });
  });
});

describe('describeStreak', () => {
  it.each([
    [{ current: 1, longest: 1 }, '🔥 1 week · longest 1 week'],
    [{ current: 0, longest: 4 }, '🔥 0 weeks · longest 4 weeks'],
  ])('GIVEN %o THEN it reads %s', (streak, text) => {
    expect(describeStreak(streak)).toBe(text);
  });
});
