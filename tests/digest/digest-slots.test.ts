import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dayStartsOf,
  nextSlotAfter,
  previousPeriod,
  slotAtOrBefore,
  slotInWeekOf,
  weekEndingAt,
} from '../../src/digest/digest-slots.js';

const HOUR_MS = 60 * 60 * 1000;
const berlinMonday9 = { day: 1, hour: 9, timezone: 'Europe/Berlin' };
const newYorkSunday9 = { day: 7, hour: 9, timezone: 'America/New_York' };
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'UTC'];
const anyInstant = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2030-01-01T00:00:00Z'),
  noInvalidDate: true,
});

describe('digest slots', () => {
  it('GIVEN 09:00 Europe/Berlin THEN the slot is 09:00 local in summer (07:00Z) and in winter (08:00Z)', () => {
    expect(slotAtOrBefore(berlinMonday9, new Date('2026-06-17T12:00:00Z')).at.toISOString()).toBe(
      '2026-06-15T07:00:00.000Z',
    );
    expect(slotAtOrBefore(berlinMonday9, new Date('2026-12-09T12:00:00Z')).at.toISOString()).toBe(
      '2026-12-07T08:00:00.000Z',
    );
  });

  it('GIVEN the week Berlin leaves summer time THEN the next slot is still 09:00 local and its week of whole days lasts 169 hours', () => {
    const before = slotAtOrBefore(berlinMonday9, new Date('2026-10-20T00:00:00Z'));
    expect(before.at.toISOString()).toBe('2026-10-19T07:00:00.000Z');
    const after = nextSlotAfter(berlinMonday9, before.at);
    expect(after.at.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    // Monday 19 October 00:00 CEST to Monday 26 October 00:00 CET.
    expect(after.period).toEqual({
      start: new Date('2026-10-18T22:00:00Z'),
      end: new Date('2026-10-25T23:00:00Z'),
    });
    expect(after.period.start).toEqual(before.period.end);
    expect((after.period.end.getTime() - after.period.start.getTime()) / HOUR_MS).toBe(169);
    expect(dayStartsOf(after.period, 'Europe/Berlin').map((day) => day.toISOString())).toEqual([
      '2026-10-18T22:00:00.000Z',
      '2026-10-19T22:00:00.000Z',
      '2026-10-20T22:00:00.000Z',
      '2026-10-21T22:00:00.000Z',
      '2026-10-22T22:00:00.000Z',
      '2026-10-23T22:00:00.000Z',
      // Sunday 25 October is 25 hours long.
      '2026-10-24T22:00:00.000Z',
    ]);
  });

  it('GIVEN 09:00 America/New_York on Sundays THEN the slot follows both daylight-saving changes', () => {
    expect(nextSlotAfter(newYorkSunday9, new Date('2026-03-02T00:00:00Z')).at.toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(slotAtOrBefore(newYorkSunday9, new Date('2026-03-07T00:00:00Z')).at.toISOString()).toBe(
      '2026-03-01T14:00:00.000Z',
    );
    expect(nextSlotAfter(newYorkSunday9, new Date('2026-10-26T00:00:00Z')).at.toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    // Sunday 8 March 00:00 EST to Sunday 15 March 00:00 EDT: the clocks went forward on the 8th.
    const march = nextSlotAfter(newYorkSunday9, new Date('2026-03-09T00:00:00Z'));
    expect(march.period).toEqual({
      start: new Date('2026-03-08T05:00:00Z'),
      end: new Date('2026-03-15T04:00:00Z'),
    });
    expect((march.period.end.getTime() - march.period.start.getTime()) / HOUR_MS).toBe(167);
  });

  it('GIVEN an hour skipped by the spring change THEN the slot moves forward by the gap, on the same day', () => {
    const slot = slotInWeekOf(
      { day: 7, hour: 2, timezone: 'Europe/Berlin' },
      new Date('2026-03-25T12:00:00Z'),
    );
    expect(slot.at.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(DateTime.fromJSDate(slot.at, { zone: 'Europe/Berlin' }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-03-29 03:00',
    );
  });

  it('GIVEN an instant exactly at a slot THEN that slot is at-or-before it and the next one is a week later', () => {
    const slotAt = new Date('2026-11-30T08:00:00Z');
    expect(slotAtOrBefore(berlinMonday9, slotAt).at).toEqual(slotAt);
    expect(slotAtOrBefore(berlinMonday9, new Date(slotAt.getTime() - 1)).at.toISOString()).toBe(
      '2026-11-23T08:00:00.000Z',
    );
    expect(nextSlotAfter(berlinMonday9, slotAt).at.toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('GIVEN slots in one guild-local week THEN they share that ISO week as their key, across a year end', () => {
    expect(slotInWeekOf(berlinMonday9, new Date('2026-12-02T12:00:00Z')).key).toBe('2026-W49');
    expect(slotInWeekOf({ ...berlinMonday9, day: 7 }, new Date('2026-11-30T12:00:00Z')).key).toBe('2026-W49');
    expect(slotInWeekOf({ ...berlinMonday9, day: 7 }, new Date('2027-01-01T12:00:00Z')).key).toBe('2026-W53');
    // Sunday 23:30 UTC is already Monday in Berlin: the local week decides.
    expect(slotInWeekOf(berlinMonday9, new Date('2026-12-06T23:30:00Z')).key).toBe('2026-W50');
  });

  it('GIVEN a preview on Thursday 13:00 Berlin THEN it covers the calendar days Friday to today, and compares with last week up to the same hour', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const period = weekEndingAt(now, 'Europe/Berlin');
    expect(period).toEqual({ start: new Date('2026-11-26T23:00:00Z'), end: now });
    expect(previousPeriod(period, 'Europe/Berlin')).toEqual({
      start: new Date('2026-11-19T23:00:00Z'),
      end: new Date('2026-11-26T12:00:00Z'),
    });
    const days = dayStartsOf(period, 'Europe/Berlin').map((day) =>
      DateTime.fromJSDate(day, { zone: 'Europe/Berlin' }).toFormat('ccc d HH:mm'),
    );
    expect(days).toEqual([
      'Fri 27 00:00',
      'Sat 28 00:00',
      'Sun 29 00:00',
      'Mon 30 00:00',
      'Tue 1 00:00',
      'Wed 2 00:00',
      'Thu 3 00:00',
    ]);
  });

  it('GIVEN a preview in the week Berlin leaves summer time THEN its days are local midnights on both sides of the change', () => {
    const period = weekEndingAt(new Date('2026-10-28T10:00:00Z'), 'Europe/Berlin');
    expect(period.start.toISOString()).toBe('2026-10-21T22:00:00.000Z');
    const days = dayStartsOf(period, 'Europe/Berlin');
    expect(days.map((day) => day.toISOString())).toEqual([
      '2026-10-21T22:00:00.000Z',
      '2026-10-22T22:00:00.000Z',
      '2026-10-23T22:00:00.000Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
      '2026-10-27T23:00:00.000Z',
    ]);
  });

  it('GIVEN any instant and schedule THEN the slot before ≤ instant < next slot, one local week apart, at the local hour', () => {
    fc.assert(
      fc.property(
        anyInstant,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...ZONES),
        (instant, day, hour, timezone) => {
          const timing = { day, hour, timezone };
          const before = slotAtOrBefore(timing, instant);
          const next = nextSlotAfter(timing, instant);
          expect(before.at.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(next.at.getTime()).toBeGreaterThan(instant.getTime());
          expect(next.period.start).toEqual(before.period.end);
          expect(next.key).not.toBe(before.key);
          const local = DateTime.fromJSDate(next.at, { zone: timezone });
          expect(local.weekday).toBe(day);
          expect(local.hour === hour || local.hour === hour + 1).toBe(true);
          // The report is the 7 whole local days before the slot's day.
          const end = DateTime.fromJSDate(next.period.end, { zone: timezone });
          expect(end.toISODate()).toBe(local.toISODate());
          expect(end.equals(end.startOf('day'))).toBe(true);
          const days = dayStartsOf(next.period, timezone);
          expect(days[0]).toEqual(next.period.start);
          expect(
            DateTime.fromJSDate(days[6] ?? next.period.end, { zone: timezone })
              .plus({ days: 1 })
              .toJSDate(),
          ).toEqual(next.period.end);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN any instant THEN a preview’s 7 days are local midnights, the last one the day containing the instant', () => {
    fc.assert(
      fc.property(anyInstant, fc.constantFrom(...ZONES), (instant, timezone) => {
        const period = weekEndingAt(instant, timezone);
        const days = dayStartsOf(period, timezone).map((day) => DateTime.fromJSDate(day, { zone: timezone }));
        expect(days[0]?.toJSDate()).toEqual(period.start);
        expect(days.every((day) => day.equals(day.startOf('day')))).toBe(true);
        expect(new Set(days.map((day) => day.toISODate())).size).toBe(7);
        expect(days[6]?.toISODate()).toBe(DateTime.fromJSDate(instant, { zone: timezone }).toISODate());
      }),
      { numRuns: 300 },
    );
  });
});
