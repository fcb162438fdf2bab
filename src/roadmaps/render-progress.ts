import { escapeMarkdown } from '@discordjs/formatters';
import type { ItemStatus, RoadmapItem, RoadmapPhase } from '../db/schema.js';
import { fitLines, truncate } from '../shared/text.js';
import { isFinished } from './item-status.js';
import { renderProgressBar } from './progress-bar.js';

export const STATUS_ICONS: Readonly<Record<ItemStatus, string>> = {
  done: '✅',
  learning: '📖',
  skipped: '⏭️',
  todo: '⬜',
};

/** Long enough to tell items apart, short enough that a page shows a useful number of them. */
const ITEM_LABEL_MAX = 180;
const PHASE_TITLE_MAX = 120;
const NEXT_ITEMS = 5;
const FIELD_VALUE_MAX = 1_024;

export type StatusOf = (itemId: number) => ItemStatus;

export type ViewItem = Pick<RoadmapItem, 'id' | 'phase_id' | 'label' | 'section' | 'depth' | 'position'>;
export type ViewPhase = Pick<RoadmapPhase, 'id' | 'title' | 'position'>;

export interface PhaseSummary {
  phase: ViewPhase;
  total: number;
  finished: number;
}

export function summarizePhases(
  phases: readonly ViewPhase[],
  items: readonly ViewItem[],
  statusOf: StatusOf,
): PhaseSummary[] {
  const byPhase = new Map(phases.map((phase) => [phase.id, { phase, total: 0, finished: 0 }]));
  for (const item of items) {
    const summary = byPhase.get(item.phase_id);
    if (!summary) continue;
    summary.total += 1;
    if (isFinished(statusOf(item.id))) summary.finished += 1;
  }
  return [...byPhase.values()].filter((summary) => summary.total > 0);
}

export function overallLine(summaries: readonly PhaseSummary[]): string {
  const total = summaries.reduce((sum, summary) => sum + summary.total, 0);
  const finished = summaries.reduce((sum, summary) => sum + summary.finished, 0);
  return `**Overall** ${renderProgressBar(finished, total)}`;
}

export function phaseTitleText(title: string): string {
  return escapeMarkdown(truncate(title, PHASE_TITLE_MAX));
}

/** One entry per phase: its title, then its bar (kept together on a page). */
export function phaseOverviewLines(summaries: readonly PhaseSummary[]): string[] {
  return summaries.map(
    (summary) =>
      `**${phaseTitleText(summary.phase.title)}**\n${renderProgressBar(summary.finished, summary.total)}`,
  );
}

export function itemText(item: Pick<ViewItem, 'label'>, max = ITEM_LABEL_MAX): string {
  return escapeMarkdown(truncate(item.label, max));
}

/** The first items in roadmap order that are not finished; what is being learned comes first. */
export function nextOpenItems<T extends ViewItem>(
  items: readonly T[],
  statusOf: StatusOf,
  limit = NEXT_ITEMS,
): T[] {
  const open = items.filter((item) => !isFinished(statusOf(item.id)));
  const learning = open.filter((item) => statusOf(item.id) === 'learning');
  const rest = open.filter((item) => statusOf(item.id) !== 'learning');
  return [...learning, ...rest].slice(0, limit);
}

/** The roadmap view's "Next up" field: the next open items, with their status icons. */
export function nextUpField(items: readonly ViewItem[], statusOf: StatusOf): { name: string; value: string } {
  const next = nextOpenItems(items, statusOf).map(
    (item) => `${STATUS_ICONS[statusOf(item.id)]} ${itemText(item, 150)}`,
  );
  if (next.length === 0) return { name: 'Next up', value: 'Nothing left — every item is finished. 🎉' };
  // Escaping markdown can double a label's length, so five long labels may not fit a field.
  return { name: 'Next up', value: fitLines(next, FIELD_VALUE_MAX, (hidden) => `…and ${hidden} more`) };
}

/** A phase's items with their status icons, nested items indented and sections as headers. */
export function phaseItemLines(items: readonly ViewItem[], statusOf: StatusOf): string[] {
  const lines: string[] = [];
  let section: string | null = null;
  for (const item of items) {
    if (item.section !== section) {
      section = item.section;
      if (section !== null) lines.push(`__${escapeMarkdown(truncate(section, PHASE_TITLE_MAX))}__`);
    }
    // Discord trims leading spaces from embed lines; em spaces survive.
    const indent = '\u2003'.repeat(Math.min(item.depth, 4));
    lines.push(`${indent}${STATUS_ICONS[statusOf(item.id)]} ${itemText(item)}`);
  }
  return lines;
}
