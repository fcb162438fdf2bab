import { type ItemStatus, statusNote } from './item-status.js';
import { escapeInlineMarkdown } from './markdown-inline.js';
import type { MarkedSource, ParsedItem, ParsedPhase } from './parse-roadmap.js';

export type ExportablePhase = Pick<ParsedPhase, 'index' | 'title' | 'headingLevel'>;
export type ExportableItem = Pick<ParsedItem, 'phaseIndex' | 'section' | 'depth' | 'position' | 'markdown'>;

export interface ExportableRoadmap<TItem extends ExportableItem> {
  title: string | null;
  phases: readonly ExportablePhase[];
  items: readonly TItem[];
}

const INDENT = '  ';
const CONTINUATION_INDENT = '    ';

function headingLine(level: number, text: string): string {
  // A `#` run at the end of a heading, after a space, would be read as its closing sequence.
  const escaped = escapeInlineMarkdown(text).replace(/(^|\s)(#+)$/u, '$1\\$2');
  return `${'#'.repeat(Math.min(Math.max(level, 1), 6))} ${escaped}`;
}

function itemLine(item: ExportableItem, status: ItemStatus, indent: string): string {
  const note = statusNote(status);
  // Continuation lines of a wrapped item go four columns past its text: indented that far, a
  // line that looks like a bullet or a heading cannot start one and stays part of the text.
  const text = item.markdown.replaceAll('\n', `\n${indent}${INDENT}${CONTINUATION_INDENT}`);
  return `${indent}- [${status === 'done' ? 'x' : ' '}] ${text}${note === null ? '' : ` ${note}`}`;
}

function phaseLines<TItem extends ExportableItem>(
  items: readonly TItem[],
  statusOf: (item: TItem) => ItemStatus,
): string[] {
  const lines: string[] = [];
  let section: string | null = null;
  let previousDepth = -1;
  for (const item of items) {
    if (item.section !== section) {
      section = item.section;
      previousDepth = -1;
      if (section !== null) lines.push(`- **${escapeInlineMarkdown(section)}**`);
    }
    // Items come from a database as well as from a parse; a depth that skips a level (its parent
    // was removed) would not nest in markdown, so it is pulled up to the deepest valid level.
    const depth = Math.min(Math.max(item.depth, 0), previousDepth + 1);
    previousDepth = depth;
    const indent = INDENT.repeat(depth + (section === null ? 0 : 1));
    lines.push(itemLine(item, statusOf(item), indent));
  }
  return lines;
}

/**
 * Writes a roadmap back as markdown in the shape of its source: phases as headings at their
 * original level, sections as bold bullets, nested items indented, `[x]` on done items and a
 * status note on learning and skipped ones, which parseRoadmap reads back. Phases without items,
 * and items of a phase not in `phases`, are not written.
 */
export function exportRoadmapMarkdown<TItem extends ExportableItem>(
  roadmap: ExportableRoadmap<TItem>,
  statusOf: (item: TItem) => ItemStatus,
): string {
  const itemsByPhase = new Map<number, TItem[]>();
  for (const item of [...roadmap.items].sort((a, b) => a.position - b.position)) {
    const phaseItems = itemsByPhase.get(item.phaseIndex);
    if (phaseItems) phaseItems.push(item);
    else itemsByPhase.set(item.phaseIndex, [item]);
  }

  const blocks: string[] = [];
  // A `#` title above `#` phases would be read back as a phase of its own.
  if (roadmap.title && roadmap.phases.every((phase) => phase.headingLevel > 1)) {
    blocks.push(headingLine(1, roadmap.title));
  }
  for (const phase of [...roadmap.phases].sort((a, b) => a.index - b.index)) {
    const phaseItems = itemsByPhase.get(phase.index);
    if (!phaseItems) continue;
    blocks.push(headingLine(phase.headingLevel, phase.title), phaseLines(phaseItems, statusOf).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

type MarkedItem = MarkedSource['items'][number];

function markEdits(source: string, item: MarkedItem, status: ItemStatus): Edit[] | null {
  if (status === item.status) return [];
  const marks = item.marks;
  if (marks === null) return null;
  const edits: Edit[] = [];
  const checked = status === 'done';
  if ((source[marks.checkbox] !== ' ') !== checked) {
    edits.push({ start: marks.checkbox, end: marks.checkbox + 1, text: checked ? 'x' : ' ' });
  }
  const note = statusNote(status);
  const written = note === null ? '' : ` ${note}`;
  if (marks.note !== null) edits.push({ start: marks.note.start, end: marks.note.end, text: written });
  else if (written !== '') edits.push({ start: marks.textEnd, end: marks.textEnd, text: written });
  return edits;
}

/**
 * The file a roadmap was imported from, with `statusOf`'s marks in place of its own: where the
 * statuses agree with the file, every byte is the file's — prose, tables, badges, topics, bullet
 * style and indentation included. Null when an item's marks could not be found in the text, so
 * the caller writes the file from the items instead.
 */
export function exportSourceMarkdown<TItem extends MarkedItem>(
  parsed: { source: string; items: readonly TItem[] },
  statusOf: (item: TItem) => ItemStatus,
): string | null {
  const edits: Edit[] = [];
  for (const item of parsed.items) {
    const itemEdits = markEdits(parsed.source, item, statusOf(item));
    if (itemEdits === null) return null;
    edits.push(...itemEdits);
  }
  const parts: string[] = [];
  let copied = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    parts.push(parsed.source.slice(copied, edit.start), edit.text);
    copied = edit.end;
  }
  parts.push(parsed.source.slice(copied));
  return parts.join('');
}
