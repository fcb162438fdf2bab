import type { Token, Tokens } from 'marked';
import { readItemText } from './item-label.js';
import { type ItemStatus, statusFromNoteText } from './item-status.js';
import { collapseWhitespace, inlineMarkdown, inlinePlainText, ownTokens } from './markdown-inline.js';
import { type LexedMarkdown, lexMarkdown } from './markdown-lexer.js';
import { ROADMAP_LIMITS } from './roadmap-limits.js';
import { RoadmapParseError } from './roadmap-parse-error.js';
import { textSlug } from './text.js';

export { RoadmapParseError, type RoadmapParseErrorReason } from './roadmap-parse-error.js';

export interface ParsedPhase {
  index: number;
  title: string;
  headingLevel: number;
}

/** Where an item's marks are in ParsedRoadmap.source, so an export can rewrite just those. */
export interface ItemMarks {
  /** Offset of the character between the checkbox's brackets. */
  checkbox: number;
  /** The status note (`_(learning)_`) with the space before it, when the item has one. */
  note: { start: number; end: number } | null;
  /** Offset just past the item's own text: where a status note goes. */
  textEnd: number;
}

export interface ParsedItem {
  /** `phaseSlug/textSlug`, with `~2`, `~3`… for repeats; stable across edits elsewhere in the file. */
  key: string;
  phaseIndex: number;
  /** The bold bullet or sub-heading the item is listed under, as an export writes it back. */
  section: string | null;
  /**
   * Everything the item is grouped under within its phase, outermost first and joined with
   * ` › `: a sub-heading, bold bullets, headings inside list items (`- ### HTML`).
   */
  topic: string | null;
  parentKey: string | null;
  /** 0 for a top-level item, 1 for an item nested under another item, and so on. */
  depth: number;
  /** Document order across the whole roadmap, from 0. */
  position: number;
  label: string;
  description: string | null;
  tags: string[];
  /**
   * The item's own inline markdown, without its checkbox, status note and nested items. A wrapped
   * item keeps its line breaks: joining the lines can change what a code span or a marker means.
   */
  markdown: string;
  status: ItemStatus;
  /** Null when the item could not be found in the source text (an export then rebuilds the file). */
  marks: ItemMarks | null;
}

/** What an export from the imported text needs: the text, and each item's key, status and marks. */
export interface MarkedSource {
  source: string;
  items: readonly Pick<ParsedItem, 'key' | 'status' | 'marks'>[];
}

export interface ParsedRoadmap {
  title: string | null;
  phases: ParsedPhase[];
  items: ParsedItem[];
  /** The text that was read, line endings normalized and without a byte order mark. */
  source: string;
}

/**
 * Items above every phase heading go into a phase of their own. It cannot be named after the
 * document's title: a title heading above them would itself have been a phase heading.
 */
const PREAMBLE_PHASE_TITLE = 'Roadmap';
/** Level of that phase when no heading names phases: leaves room for a `#` title above it. */
const PREAMBLE_PHASE_LEVEL = 2;
/** Joins the levels of a topic: `HTML › Forms`. */
export const TOPIC_SEPARATOR = ' › ';
/** Phase titles run long ("Phase 1: … (Completed …)"); a shorter slug keeps every key compact. */
const PHASE_SLUG_MAX_LENGTH = 40;

interface Heading {
  level: number;
  title: string;
  /** Index of the nearest earlier heading of a shallower level: the heading this one sits under. */
  parent: number;
}

interface CollectedItem {
  /** Index of the last heading before the item, -1 when there is none. */
  heading: number;
  listSection: string | null;
  listTopics: readonly string[];
  parent: CollectedItem | null;
  depth: number;
  label: string;
  description: string | null;
  tags: string[];
  /** What the key is made from: all the text a reader sees. */
  keyText: string;
  markdown: string;
  status: ItemStatus;
  marks: ItemMarks | null;
  key: string;
}

interface ListContext {
  parent: CollectedItem | null;
  section: string | null;
  /** Group labels and list-item headings above the item, outermost first. */
  topics: readonly string[];
}

function toText(source: string | Uint8Array): string {
  const byteLength = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  if (byteLength > ROADMAP_LIMITS.maxBytes) {
    const size = Math.ceil(byteLength / 1024).toLocaleString('en-US');
    throw new RoadmapParseError(
      'too-large',
      `That file is too large (${size} KB); a roadmap file can be at most 1 MB (1,024 KB).`,
    );
  }
  const notText = new RoadmapParseError(
    'not-text',
    'That file is not a text (markdown) file in UTF-8. Save it as UTF-8 (most editors offer it under “Save with encoding”) and import it again.',
  );
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    try {
      text = new TextDecoder(encodingOf(source), { fatal: true }).decode(source);
    } catch (cause) {
      throw new RoadmapParseError(notText.reason, notText.message, { cause });
    }
  }
  // NUL bytes and unpaired surrogates never occur in a text file someone meant to share.
  if (text.includes('\0') || /\p{Cs}/u.test(text)) throw notText;
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Files are UTF-8. Windows editors still save UTF-16, always with a byte order mark, which says
 * which of its two byte orders it is; without one, bytes are taken as UTF-8 or refused.
 */
function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

interface OwnText {
  tokens: Token[];
  markdown: string;
  status: ItemStatus | null;
  /** The raw text of the note and of the block the text is in, to find them in the source. */
  noteRaw: string | null;
  blockRaw: string;
}

/** "Core Internals:" → "Core Internals": the colon introduces the items, it is not part of the name. */
function sectionName(text: string): string {
  return text.replace(/\s*:+$/u, '');
}

function hasNestedList(item: Tokens.ListItem): boolean {
  return item.tokens.some((token) => token.type === 'list');
}

/** The bullet or number, the spaces after it and the checkbox's opening bracket. */
const CHECKBOX_LINE = /^\s*(?:[*+-]|\d{1,9}[.)])[ \t]+\[(?=[ xX]\])/u;

class Collector {
  readonly headings: Heading[] = [];
  readonly items: CollectedItem[] = [];
  /** Latest heading per level (index 1–6); headings at deeper levels are closed by a new one. */
  private readonly open: number[] = [-1, -1, -1, -1, -1, -1, -1];

  /** Where in the source the next item's search starts: items are visited in document order. */
  private cursor = 0;
  /**
   * Set once an item could not be found: an export then writes the file from the items anyway,
   * and a failed search has already read to the end of the source, which must not repeat.
   */
  private lost = false;

  constructor(readonly markdown: LexedMarkdown) {}

  collect(): void {
    // A list's items are searched for from where the list starts, never in a code block above
    // it; the blocks' raw texts follow each other in the source for as long as they are checked.
    let offset: number | null = 0;
    for (const token of ownTokens(this.markdown.blocks)) {
      if (offset !== null && this.markdown.text.startsWith(token.raw, offset)) {
        this.cursor = Math.max(this.cursor, offset);
        offset += token.raw.length;
      } else {
        offset = null;
      }
      if (token.type === 'heading') this.addHeading(token);
      else if (token.type === 'list') this.addList(token, { parent: null, section: null, topics: [] });
    }
  }

  private plainText(tokens: readonly Token[]): string {
    return collapseWhitespace(inlinePlainText(tokens));
  }

  /**
   * The inline tokens of a list item's first line of text. For a tight item marked puts the
   * checkbox before that text; for a loose one, inside the paragraph.
   */
  private ownBlock(item: Tokens.ListItem): Tokens.Text | Tokens.Paragraph | null {
    const block = ownTokens(item.tokens).find((token) => token.type !== 'checkbox');
    return block?.type === 'text' || block?.type === 'paragraph' ? block : null;
  }

  private ownInlineTokens(item: Tokens.ListItem): readonly Token[] {
    const block = this.ownBlock(item);
    if (block === null) return [];
    const tokens = block.tokens ? this.markdown.inline(block.tokens) : [block];
    return ownTokens(tokens).filter((token) => token.type !== 'checkbox');
  }

  /** Splits a trailing status note (`_(learning)_`) off an item's text. */
  private readOwnText(item: Tokens.ListItem): OwnText {
    const tokens = [...this.ownInlineTokens(item)];
    while (tokens.length > 0 && tokens.at(-1)?.raw.trim() === '') tokens.pop();
    const last = tokens.at(-1);
    const noted = last?.type === 'em' ? statusFromNoteText(inlinePlainText([last])) : null;
    if (noted !== null) tokens.pop();
    return {
      tokens,
      markdown: inlineMarkdown(tokens).trim(),
      status: noted,
      noteRaw: noted === null ? null : (last?.raw ?? null),
      blockRaw: this.ownBlock(item)?.raw ?? '',
    };
  }

  /**
   * Finds the item's checkbox and the end of its text in the source. marked gives no offsets,
   * and a nested item's raw text has its indentation removed, so each item's first line is
   * searched for after the previous item's.
   */
  private locate(item: Tokens.ListItem, text: OwnText): ItemMarks | null {
    if (this.lost) return null;
    const marks = this.find(item, text);
    this.lost = marks === null;
    return marks;
  }

  private find(item: Tokens.ListItem, text: OwnText): ItemMarks | null {
    const source = this.markdown.text;
    // Tabs before a nested item come out of marked as spaces: the line is searched without them.
    const firstLine = (item.raw.split('\n', 1)[0] ?? '').trimStart();
    const bullet = CHECKBOX_LINE.exec(firstLine);
    const lineStart = source.indexOf(firstLine, this.cursor);
    if (bullet === null || lineStart === -1) return null;
    this.cursor = lineStart + firstLine.length;
    const checkbox = lineStart + bullet[0].length;
    const lastLine = text.blockRaw.trimEnd().split('\n').at(-1)?.trim() ?? '';
    // A loose item's paragraph starts with the checkbox itself, so the search starts at the bullet.
    const lastLineStart = lastLine === '' ? -1 : source.indexOf(lastLine, lineStart);
    if (lastLineStart === -1) return null;
    const textEnd = lastLineStart + lastLine.length;
    if (text.noteRaw === null) return { checkbox, note: null, textEnd };
    const noteStart = source.lastIndexOf(text.noteRaw, textEnd - text.noteRaw.length);
    if (noteStart <= checkbox) return null;
    const start = source[noteStart - 1] === ' ' ? noteStart - 1 : noteStart;
    return { checkbox, note: { start, end: noteStart + text.noteRaw.length }, textEnd };
  }

  private addHeading(token: Tokens.Heading): void {
    const level = token.depth;
    let parent = -1;
    for (let shallower = level - 1; shallower >= 1 && parent === -1; shallower -= 1) {
      parent = this.open[shallower] ?? -1;
    }
    const title = this.plainText(this.markdown.inline(token.tokens));
    const index = this.headings.push({ level, title, parent }) - 1;
    this.open[level] = index;
    for (let deeper = level + 1; deeper < this.open.length; deeper += 1) this.open[deeper] = -1;
  }

  private addList(list: Tokens.List, context: ListContext): void {
    for (const item of list.items) {
      if (!item.task && !hasNestedList(item)) continue;
      const next = item.task ? this.addTask(item, context) : this.groupContext(item, context);
      for (const token of ownTokens(item.tokens)) {
        if (token.type === 'list') this.addList(token, next);
      }
    }
  }

  private addTask(item: Tokens.ListItem, context: ListContext): ListContext {
    const own = this.readOwnText(item);
    const text = readItemText(own.tokens);
    // A checkbox with nothing readable after it cannot be shown or picked; its children move up.
    if (text.fullText === '') return context;
    const collected: CollectedItem = {
      heading: this.headings.length - 1,
      listSection: context.section,
      listTopics: context.topics,
      parent: context.parent,
      depth: context.parent === null ? 0 : context.parent.depth + 1,
      label: text.label,
      description: text.description,
      tags: text.tags,
      keyText: text.fullText,
      markdown: own.markdown,
      status: own.status ?? (item.checked === true ? 'done' : 'todo'),
      marks: this.locate(item, own),
      key: '',
    };
    if (this.items.push(collected) > ROADMAP_LIMITS.maxItems) {
      throw new RoadmapParseError(
        'too-many-items',
        `That roadmap has more than ${ROADMAP_LIMITS.maxItems.toLocaleString('en-US')} checklist items.`,
      );
    }
    return { ...context, parent: collected };
  }

  /**
   * A plain bullet over a nested list labels the checklist items in it (`* **Core Internals:**`),
   * and so does a heading written inside a list item (`- ### HTML`), at any depth. Inside a
   * checklist item, bullets are the item's own notes, and its children stay in its group.
   */
  private groupContext(item: Tokens.ListItem, context: ListContext): ListContext {
    if (context.parent !== null) return context;
    const heading = ownTokens(item.tokens).find((token) => token.type === 'heading');
    if (heading !== undefined && heading === item.tokens[0]) {
      const title = this.plainText(this.markdown.inline(heading.tokens));
      return title === '' ? context : { ...context, topics: [...context.topics, title] };
    }
    const label = sectionName(this.plainText(this.ownInlineTokens(item)));
    return label === '' ? context : { parent: null, section: label, topics: [...context.topics, label] };
  }
}

/**
 * The heading level that names phases. Headings that hold items (directly or below them) are
 * counted per level; the shallowest level where at least two of them do is the phase level, so
 * a single `#` title or a lone `## Roadmap` wrapper is not mistaken for the only phase. When no
 * level splits the items, the deepest level holding them is used: one phase, named closest to
 * its items.
 */
function phaseLevel(headings: readonly Heading[], items: readonly CollectedItem[]): number | null {
  const holdsItems = new Array<boolean>(headings.length).fill(false);
  for (const item of items) {
    for (let index = item.heading; index !== -1 && holdsItems[index] !== true; ) {
      holdsItems[index] = true;
      index = headings[index]?.parent ?? -1;
    }
  }
  const perLevel = [0, 0, 0, 0, 0, 0, 0];
  headings.forEach((heading, index) => {
    if (holdsItems[index]) perLevel[heading.level] = (perLevel[heading.level] ?? 0) + 1;
  });
  const split = perLevel.findIndex((count) => count >= 2);
  if (split !== -1) return split;
  const deepest = perLevel.findLastIndex((count) => count >= 1);
  return deepest === -1 ? null : deepest;
}

/** For each heading, the phase heading and the section heading in force from it on. */
function headingScopes(headings: readonly Heading[], level: number | null) {
  const phaseOf: number[] = [];
  const sectionOf: number[] = [];
  let phase = -1;
  let section = -1;
  headings.forEach((heading, index) => {
    if (level !== null && heading.level <= level) {
      phase = index;
      section = -1;
    } else {
      section = index;
    }
    phaseOf.push(phase);
    sectionOf.push(section);
  });
  return { phaseOf, sectionOf };
}

function tooManyPhases(): RoadmapParseError {
  return new RoadmapParseError(
    'too-many-phases',
    `That roadmap has more than ${ROADMAP_LIMITS.maxPhases} phases (headings with checklist items).`,
  );
}

function collect(text: string): Collector {
  try {
    const collector = new Collector(lexMarkdown(text));
    collector.collect();
    return collector;
  } catch (cause) {
    if (cause instanceof RoadmapParseError) throw cause;
    // marked recurses on nesting; a file can still exhaust the stack in ways no guard foresees.
    throw new RoadmapParseError('unreadable', 'That file could not be read as markdown.', { cause });
  }
}

/**
 * Reads a markdown checklist into phases and items. Throws only RoadmapParseError, whose
 * message can be shown to the person who sent the file as is.
 */
export function parseRoadmap(source: string | Uint8Array): ParsedRoadmap {
  const text = toText(source);
  const { headings, items: collected, markdown } = collect(text);
  if (collected.length === 0) {
    throw new RoadmapParseError('no-items', 'That file has no checklist items (`- [ ] …`).');
  }

  const level = phaseLevel(headings, collected);
  const { phaseOf, sectionOf } = headingScopes(headings, level);
  // The title is a `#` heading above the checklist; one further down is a part, not the title.
  const firstItemHeading = collected[0]?.heading ?? -1;
  const titleHeading = headings.findIndex(
    (heading, index) => heading.level === 1 && index <= firstItemHeading,
  );
  const title = headings[titleHeading]?.title || null;

  const phases: ParsedPhase[] = [];
  const phaseIndexByHeading = new Map<number, number>();
  const phaseSlugs: string[] = [];
  const keyCounts = new Map<string, number>();
  const items = collected.map((item, position): ParsedItem => {
    const phaseHeading = phaseOf[item.heading] ?? -1;
    let phaseIndex = phaseIndexByHeading.get(phaseHeading);
    if (phaseIndex === undefined) {
      phaseIndex = phases.length;
      if (phaseIndex >= ROADMAP_LIMITS.maxPhases) throw tooManyPhases();
      const heading = headings[phaseHeading];
      const phaseTitle = heading ? heading.title || `Phase ${phaseIndex + 1}` : PREAMBLE_PHASE_TITLE;
      phases.push({
        index: phaseIndex,
        title: phaseTitle,
        headingLevel: heading?.level ?? level ?? PREAMBLE_PHASE_LEVEL,
      });
      phaseSlugs.push(textSlug(phaseTitle, PHASE_SLUG_MAX_LENGTH));
      phaseIndexByHeading.set(phaseHeading, phaseIndex);
    }

    const baseKey = `${phaseSlugs[phaseIndex]}/${textSlug(item.keyText)}`;
    const seen = (keyCounts.get(baseKey) ?? 0) + 1;
    keyCounts.set(baseKey, seen);
    item.key = seen === 1 ? baseKey : `${baseKey}~${seen}`;

    const headingSection = sectionName(headings[sectionOf[item.heading] ?? -1]?.title ?? '') || null;
    const topics = headingSection === null ? item.listTopics : [headingSection, ...item.listTopics];
    return {
      key: item.key,
      phaseIndex,
      section: item.listSection ?? headingSection,
      topic: topics.length === 0 ? null : topics.join(TOPIC_SEPARATOR),
      parentKey: item.parent?.key ?? null,
      depth: item.depth,
      position,
      label: item.label,
      description: item.description,
      tags: item.tags,
      markdown: item.markdown,
      status: item.status,
      marks: item.marks,
    };
  });
  return { title, phases, items, source: markdown.text };
}
