import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { dayStartsOf, weekEndingAt } from '../../src/digest/digest-slots.js';
import {
  CHART_FONT_FAMILY,
  chartDays,
  describeChart,
  registerChartFont,
  renderDigestChart,
} from '../../src/digest/render-digest-chart.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The week before Monday 30 November 2026, in Berlin.
const period = { start: new Date('2026-11-22T23:00:00Z'), end: new Date('2026-11-29T23:00:00Z') };
const MONDAY_AFTER = new Date('2026-11-30T08:00:00Z');

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderDigestChart', () => {
  it('GIVEN the bundled font THEN it registers without any system font', () => {
    expect(registerChartFont()).toBe(true);
    expect(GlobalFonts.families.some((family) => family.family === CHART_FONT_FAMILY)).toBe(true);
  });

  it('GIVEN a week of activity THEN it renders an 800×400 PNG with bars and labels', async () => {
    const days = dayStartsOf(period, 'Europe/Berlin').map((start, index) => ({
      start,
      itemsDone: index * 7,
      learnings: index,
      other: 3,
    }));
    const png = await renderDigestChart(chartDays(days, 'Europe/Berlin', MONDAY_AFTER));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('GIVEN a week with no activity THEN it still renders an axis and the days', async () => {
    const days = dayStartsOf(period, 'UTC').map((start) => ({ start, itemsDone: 0, learnings: 0, other: 0 }));
    const png = await renderDigestChart(chartDays(days, 'UTC', MONDAY_AFTER));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(5_000);
  });
});

describe('chartDays and describeChart', () => {
  it('GIVEN a preview on Thursday THEN the days run Friday to "Today", labelled in the server’s time zone', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const week = weekEndingAt(now, 'Europe/Berlin');
    const days = dayStartsOf(week, 'Europe/Berlin').map((start, index) => ({
      start,
      itemsDone: index === 3 ? 1 : 0,
      learnings: index === 6 ? 2 : 0,
      other: index === 6 ? 1 : 0,
    }));
    const shown = chartDays(days, 'Europe/Berlin', now);
    expect(shown.map((day) => `${day.label} ${day.date}`)).toEqual([
      'Fri 27 Nov',
      'Sat 28 Nov',
      'Sun 29 Nov',
      'Mon 30 Nov',
      'Tue 1 Dec',
      'Wed 2 Dec',
      'Today 3 Dec',
    ]);
    expect(shown.map((day) => day.today)).toEqual([false, false, false, false, false, false, true]);
    expect(describeChart(shown)).toBe(
      'Activity, day by day. Fri 27 Nov: nothing; Sat 28 Nov: nothing; Sun 29 Nov: nothing; Mon 30 Nov: 1 item done; Tue 1 Dec: nothing; Wed 2 Dec: nothing; Today 3 Dec: 2 learnings, 1 other update.',
    );
  });

  it('GIVEN a scheduled week that ended before today THEN no day is "Today"', () => {
    const days = dayStartsOf(period, 'Europe/Berlin').map((start) => ({
      start,
      itemsDone: 0,
      learnings: 0,
      other: 0,
    }));
    expect(
      chartDays(days, 'Europe/Berlin', MONDAY_AFTER).some((day) => day.today || day.label === 'Today'),
    ).toBe(false);
  });

  it('GIVEN seven-digit counts every day THEN the description fits Discord’s 1,024 characters of alt text', () => {
    const days = dayStartsOf(period, 'Europe/Berlin').map((start) => ({
      start,
      itemsDone: 9_999_999,
      learnings: 9_999_999,
      other: 9_999_999,
    }));
    expect(describeChart(chartDays(days, 'Europe/Berlin', MONDAY_AFTER)).length).toBeLessThanOrEqual(1024);
  });
});
