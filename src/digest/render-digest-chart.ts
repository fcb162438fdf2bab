import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { DateTime } from 'luxon';
import { pluralize } from '../shared/plural.js';
import type { DayActivity } from './weekly-activity-queries.js';

/**
 * The chart ships its own font (Inter, SIL Open Font License, src/digest/fonts/OFL.txt), so
 * its text renders the same on a server with no system fonts at all.
 */
export const CHART_FONT_FAMILY = 'Waymark Inter';
const FONT_FILE = fileURLToPath(new URL('./fonts/Inter-Regular.ttf', import.meta.url));

const require = createRequire(import.meta.url);

/**
 * The canvas library, loaded on first use: its native Skia build adds about 25 MB to the
 * process and a noticeable part of start-up, for images drawn once a week or on /journey.
 */
export function canvasLibrary(): typeof import('@napi-rs/canvas') {
  return require('@napi-rs/canvas');
}

let fontRegistered = false;
export function registerChartFont(): boolean {
  if (!fontRegistered) {
    fontRegistered = canvasLibrary().GlobalFonts.registerFromPath(FONT_FILE, CHART_FONT_FAMILY) !== null;
  }
  return fontRegistered;
}

const WIDTH = 800;
const HEIGHT = 400;
const PLOT = { left: 56, right: 24, top: 84, bottom: 56 };
const COLORS = {
  background: '#1f2937',
  grid: '#374151',
  text: '#e5e7eb',
  muted: '#9ca3af',
  itemsDone: '#3b82f6',
  learnings: '#22c55e',
  other: '#a78bfa',
  today: '#fbbf24',
  todayBand: '#273549',
};
const SERIES = [
  { key: 'itemsDone', label: 'Items done', color: COLORS.itemsDone },
  { key: 'learnings', label: 'Learnings', color: COLORS.learnings },
  { key: 'other', label: 'Other activity', color: COLORS.other },
] as const;

/** One bar of the chart: a local calendar day of the report and what happened on it. */
export interface ChartDay {
  /** The weekday (`Mon`), or `Today`. */
  label: string;
  /** The local date (`30 Nov`). */
  date: string;
  today: boolean;
  itemsDone: number;
  learnings: number;
  other: number;
}

/** The report's days as the chart shows them; the day containing `now`, if it is one of them, is "Today". */
export function chartDays(days: readonly DayActivity[], timezone: string, now: Date): ChartDay[] {
  const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate();
  return days.map((day) => {
    const local = DateTime.fromJSDate(day.start, { zone: timezone });
    const isToday = local.toISODate() === today;
    return {
      label: isToday ? 'Today' : local.toFormat('ccc'),
      date: local.toFormat('d LLL'),
      today: isToday,
      itemsDone: day.itemsDone,
      learnings: day.learnings,
      other: day.other,
    };
  });
}

/**
 * The chart in words, sent as the image's alt text (Discord allows 1,024 characters; seven
 * days of even seven-digit counts take about 700): what a screen reader reads out, and the
 * same series the bars are drawn from.
 */
export function describeChart(days: readonly ChartDay[]): string {
  const described = days.map((day) => {
    const parts = [
      ...(day.itemsDone > 0 ? [pluralize(day.itemsDone, 'item done', 'items done')] : []),
      ...(day.learnings > 0 ? [pluralize(day.learnings, 'learning')] : []),
      ...(day.other > 0 ? [pluralize(day.other, 'other update')] : []),
    ];
    return `${day.label} ${day.date}: ${parts.length > 0 ? parts.join(', ') : 'nothing'}`;
  });
  return `Activity, day by day. ${described.join('; ')}.`;
}

function font(size: number): string {
  return `${size}px "${CHART_FONT_FAMILY}"`;
}

/** A step of 1, 2 or 5 × 10^n giving at most four grid lines above zero. */
function gridStep(max: number): number {
  const rough = Math.max(max, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough);
  return Math.max(1, step ?? magnitude * 10);
}

function drawLegend(context: SKRSContext2D): void {
  context.font = font(14);
  context.textBaseline = 'middle';
  let x = WIDTH - PLOT.right;
  for (const series of [...SERIES].reverse()) {
    const width = context.measureText(series.label).width;
    x -= width;
    context.fillStyle = COLORS.text;
    context.fillText(series.label, x, 36);
    x -= 20;
    context.fillStyle = series.color;
    context.fillRect(x, 30, 12, 12);
    x -= 20;
  }
}

/**
 * The week's activity per local day as stacked bars (items done, learnings, everything
 * else), today's column highlighted, as a PNG sized for a Discord embed image.
 */
export async function renderDigestChart(days: readonly ChartDay[]): Promise<Buffer> {
  registerChartFont();
  const canvas = canvasLibrary().createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, WIDTH, HEIGHT);

  context.fillStyle = COLORS.text;
  context.font = font(22);
  context.textBaseline = 'middle';
  context.fillText('Activity, day by day', PLOT.left - 32, 36);
  drawLegend(context);

  const totals = days.map((day) => day.itemsDone + day.learnings + day.other);
  const step = gridStep(Math.max(0, ...totals));
  const top = step * Math.max(1, Math.ceil(Math.max(0, ...totals) / step));
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(days.length, 1);

  // Behind the grid, so today's column reads as a highlight rather than a bar.
  const todayIndex = days.findIndex((day) => day.today);
  if (todayIndex >= 0) {
    context.fillStyle = COLORS.todayBand;
    context.fillRect(PLOT.left + slot * todayIndex, PLOT.top, slot, plotHeight);
  }

  context.font = font(13);
  context.textAlign = 'right';
  for (let value = 0; value <= top; value += step) {
    context.strokeStyle = COLORS.grid;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(PLOT.left, Math.round(y(value)) + 0.5);
    context.lineTo(WIDTH - PLOT.right, Math.round(y(value)) + 0.5);
    context.stroke();
    context.fillStyle = COLORS.muted;
    context.fillText(value.toLocaleString('en-US'), PLOT.left - 8, y(value));
  }

  const barWidth = Math.min(64, slot * 0.6);
  context.textAlign = 'center';
  for (const [index, day] of days.entries()) {
    const centre = PLOT.left + slot * index + slot / 2;
    let base = 0;
    for (const series of SERIES) {
      const value = day[series.key];
      if (value <= 0) continue;
      context.fillStyle = series.color;
      context.fillRect(centre - barWidth / 2, y(base + value), barWidth, y(base) - y(base + value));
      base += value;
    }
    if (base > 0) {
      context.fillStyle = COLORS.text;
      context.font = font(13);
      context.fillText(base.toLocaleString('en-US'), centre, y(base) - 10);
    }
    context.fillStyle = day.today ? COLORS.today : COLORS.text;
    context.font = font(14);
    context.fillText(day.label, centre, HEIGHT - PLOT.bottom + 18);
    context.fillStyle = day.today ? COLORS.today : COLORS.muted;
    context.font = font(12);
    context.fillText(day.date, centre, HEIGHT - PLOT.bottom + 36);
  }
  return canvas.encode('png');
}
