import type { SKRSContext2D } from '@napi-rs/canvas';
import { CHART_FONT_FAMILY, canvasLibrary, registerChartFont } from '../digest/render-digest-chart.js';
import { percentComplete } from '../roadmaps/progress-bar.js';
import { pluralize } from '../shared/plural.js';
import type { Journey } from './journey.js';

const WIDTH = 800;
const HEADER = 96;
const ROW = 34;
const FOOTER = 24;
/** Beyond this the card would be taller than a phone screen; the embed lists every phase. */
const MAX_ROWS = 12;
const BAR = { x: 440, width: 260, height: 14 };
const COLORS = { background: '#1f2937', track: '#374151', bar: '#3b82f6', text: '#e5e7eb', muted: '#9ca3af' };

function font(size: number): string {
  return `${size}px "${CHART_FONT_FAMILY}"`;
}

/** Cuts `text` with an ellipsis so it fits `maxWidth` pixels in the current font. */
function fitText(context: SKRSContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  const characters = [...text];
  while (characters.length > 0 && context.measureText(`${characters.join('')}…`).width > maxWidth)
    characters.pop();
  return `${characters.join('')}…`;
}

/**
 * A member's progress as an image for /journey: one bar per phase of the followed roadmap,
 * with the overall percent and the weekly streak. Drawn with the digest chart's bundled font.
 */
export async function renderJourneyCard(journey: Journey, memberName: string): Promise<Buffer> {
  registerChartFont();
  const phases = journey.roadmap?.phases ?? [];
  const shown = phases.slice(0, MAX_ROWS);
  const hidden = phases.length - shown.length;
  const height = HEADER + Math.max(1, shown.length) * ROW + (hidden > 0 ? ROW : 0) + FOOTER;
  const canvas = canvasLibrary().createCanvas(WIDTH, height);
  const context = canvas.getContext('2d');
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, WIDTH, height);
  context.textBaseline = 'middle';

  const finished = phases.reduce((sum, phase) => sum + phase.finished, 0);
  const total = phases.reduce((sum, phase) => sum + phase.total, 0);
  context.fillStyle = COLORS.text;
  context.font = font(26);
  context.fillText(fitText(context, memberName, WIDTH - 48), 24, 34);
  context.fillStyle = COLORS.muted;
  context.font = font(15);
  const roadmapName = journey.roadmap
    ? (journey.roadmap.roadmap.title ?? journey.roadmap.roadmap.name)
    : null;
  const summary = roadmapName
    ? `${roadmapName} · ${percentComplete({ total, done: finished, skipped: 0 })}% · streak ${pluralize(journey.streak.current, 'week')}`
    : `No roadmap followed yet · streak ${pluralize(journey.streak.current, 'week')}`;
  context.fillText(fitText(context, summary, WIDTH - 48), 24, 68);

  shown.forEach((summaryRow, index) => {
    const y = HEADER + index * ROW + ROW / 2;
    context.fillStyle = COLORS.text;
    context.font = font(15);
    context.fillText(fitText(context, summaryRow.phase.title, BAR.x - 40), 24, y);
    context.fillStyle = COLORS.track;
    context.fillRect(BAR.x, y - BAR.height / 2, BAR.width, BAR.height);
    const share = summaryRow.total > 0 ? summaryRow.finished / summaryRow.total : 0;
    context.fillStyle = COLORS.bar;
    context.fillRect(BAR.x, y - BAR.height / 2, Math.round(BAR.width * share), BAR.height);
    context.fillStyle = COLORS.muted;
    context.font = font(13);
    context.fillText(`${summaryRow.finished}/${summaryRow.total}`, BAR.x + BAR.width + 12, y);
  });
  if (hidden > 0) {
    context.fillStyle = COLORS.muted;
    context.font = font(14);
    context.fillText(`…and ${hidden} more phases`, 24, HEADER + shown.length * ROW + ROW / 2);
  }
  return canvas.encode('png');
}
