import type { ItemStatus, RoadmapItem, RoadmapPhase } from '../db/schema.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
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
/** A description under an item in a phase's list: a hint of what it is about, not the whole text. */
const LISTED_DESCRIPTION_MAX = 120;
const TOPIC_MAX = 120;
const MAX_SHOWN_TAGS = 4;

export type StatusOf = (itemId: number) => ItemStatus;

export type ViewItem = Pick<RoadmapItem, 'id' | 'phase_id' | 'label' | 'topic' | 'depth' | 'position'> &
  Partial<Pick<RoadmapItem, 'description' | 'tags'>>;
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

/** The stored tags of an item (a JSON array of badge alt texts); none when absent or unreadable. */
export function itemTags(tags: string | null | undefined): string[] {
  if (!tags) return [];
  try {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

/** Tags beside an item's label: ` \`High\``, as code so that they read as badges. */
export function tagsText(tags: string | null | undefined): string {
  return itemTags(tags)
    .slice(0, MAX_SHOWN_TAGS)
    .map((tag) => ` \`${truncate(tag, 30).replaceAll('`', "'")}\``)
    .join('');
}

export function topicText(topic: string): string {
  return escapeMarkdown(truncate(topic, TOPIC_MAX));
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

/**
 * A phase's items grouped under their topics, with status icons and tags, nested items indented,
 * and the start of each description under its item (kept on the same page as it).
 */
export function phaseItemLines(items: readonly ViewItem[], statusOf: StatusOf): string[] {
  const lines: string[] = [];
  let topic: string | null = null;
  for (const item of items) {
    if (item.topic !== topic) {
      topic = item.topic;
      if (topic !== null) lines.push(`__${topicText(topic)}__`);
    }
    // Discord trims leading spaces from embed lines; em spaces survive.
    const indent = '\u2003'.repeat(Math.min(item.depth, 4));
    const line = `${indent}${STATUS_ICONS[statusOf(item.id)]} ${itemText(item)}${tagsText(item.tags)}`;
    const description = item.description
      ? `\n${indent}\u2003\u2003${escapeMarkdown(truncate(item.description, LISTED_DESCRIPTION_MAX))}`
      : '';
    lines.push(`${line}${description}`);
  }
  return lines;
}
