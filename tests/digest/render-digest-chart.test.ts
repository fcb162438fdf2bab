import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { dayStartsOf } from '../../src/digest/digest-slots.js';
import {
  CHART_FONT_FAMILY,
  registerChartFont,
  renderDigestChart,
} from '../../src/digest/render-digest-chart.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const period = { start: new Date('2026-11-23T08:00:00Z'), end: new Date('2026-11-30T08:00:00Z') };

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
    const png = await renderDigestChart(days, 'Europe/Berlin');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('GIVEN a week with no activity THEN it still renders an axis and the days', async () => {
    const days = dayStartsOf(period, 'UTC').map((start) => ({ start, itemsDone: 0, learnings: 0, other: 0 }));
    const png = await renderDigestChart(days, 'UTC');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(5_000);
  });
});
