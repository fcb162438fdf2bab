import type { Token, Tokens } from 'marked';
import { type ItemStatus, statusFromNoteText } from './item-status.js';
import { collapseWhitespace, inlineMarkdown, inlinePlainText, ownTokens } from './markdown-inline.js';
import { type LexedMarkdown, lexMarkdown } from './markdown-lexer.js';
import { RoadmapParseError } from './roadmap-parse-error.js';
import { textSlug } from './text.js';

export { RoadmapParseError, type RoadmapParseErrorReason } from './roadmap-parse-error.js';

export const ROADMAP_LIMITS = {
  maxBytes: 1_048_576,
  maxItems: 2_000,
  maxPhases: 200,
} as const;

export interface ParsedPhase {
  index: number;
  title: string;
  headingLevel: number;
}

export interface ParsedItem {
  /** `phaseSlug/textSlug`, with `~2`, `~3`… for repeats; stable across edits elsewhere in the file. */
  key: string;
  phaseIndex: number;
  section: string | null;
  parentKey: string | null;
  /** 0 for a top-level item, 1 for an item nested under another item, and so on. */
  depth: number;
  /** Document order across the whole roadmap, from 0. */
  position: number;
  label: string;
  /**
   * The item's own inline markdown, without its checkbox, status note and nested items. A wrapped
   * item keeps its line breaks: joining the lines can change what a code span or a marker means.
   */
  markdown: string;
  status: ItemStatus;
}

export interface ParsedRoadmap {
  title: string | null;
  phases: ParsedPhase[];
  items: ParsedItem[];
}

/**
 * Items above every phase heading go into a phase of their own. It cannot be named after the
 * document's title: a title heading above them would itself have been a phase heading.
 */
const PREAMBLE_PHASE_TITLE = 'Roadmap';
/** Level of that phase when no heading names phases: leaves room for a `#` title above it. */
const PREAMBLE_PHASE_LEVEL = 2;
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
  parent: CollectedItem | null;
  depth: number;
  label: string;
  markdown: string;
  status: ItemStatus;
  key: string;
}

interface ListContext {
  parent: CollectedItem | null;
  section: string | null;
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
  const notText = new RoadmapParseError('not-text', 'That file is not a text (markdown) file.');
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch (cause) {
      throw new RoadmapParseError(notText.reason, notText.message, { cause });
    }
  }
  // NUL bytes and unpaired surrogates never occur in a text file someone meant to share.
  if (text.includes('\0') || /\p{Cs}/u.test(text)) throw notText;
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

interface ItemText {
  label: string;
  markdown: string;
  status: ItemStatus | null;
}

/** "Core Internals:" → "Core Internals": the colon introduces the items, it is not part of the name. */
function sectionName(text: string): string {
  return text.replace(/\s*:+$/u, '');
}

function hasNestedList(item: Tokens.ListItem): boolean {
  return item.tokens.some((token) => token.type === 'list');
}

class Collector {
  readonly headings: Heading[] = [];
  readonly items: CollectedItem[] = [];
  /** Latest heading per level (index 1–6); headings at deeper levels are closed by a new one. */
  private readonly open: number[] = [-1, -1, -1, -1, -1, -1, -1];

  constructor(private readonly markdown: LexedMarkdown) {}

  collect(): void {
    for (const token of ownTokens(this.markdown.blocks)) {
      if (token.type === 'heading') this.addHeading(token);
      else if (token.type === 'list') this.addList(token, { parent: null, section: null });
    }
  }

  private plainText(tokens: readonly Token[]): string {
    return collapseWhitespace(inlinePlainText(tokens));
  }

  /**
   * The inline tokens of a list item's first line of text. For a tight item marked puts the
   * checkbox before that text; for a loose one, inside the paragraph.
   */
  private ownInlineTokens(item: Tokens.ListItem): readonly Token[] {
    const block = ownTokens(item.tokens).find((token) => token.type !== 'checkbox');
    if (block?.type !== 'text' && block?.type !== 'paragraph') return [];
    const tokens = block.tokens ? this.markdown.inline(block.tokens) : [block];
    return ownTokens(tokens).filter((token) => token.type !== 'checkbox');
  }

  /** Splits a trailing status note (`_(learning)_`) off an item's text. */
  private readItemText(item: Tokens.ListItem): ItemText {
    const tokens = [...this.ownInlineTokens(item)];
    while (tokens.length > 0 && tokens.at(-1)?.raw.trim() === '') tokens.pop();
    const last = tokens.at(-1);
    const noted = last?.type === 'em' ? statusFromNoteText(inlinePlainText([last])) : null;
    if (noted !== null) tokens.pop();
    return {
      label: this.plainText(tokens),
      markdown: inlineMarkdown(tokens).trim(),
      status: noted,
    };
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
      const next = item.task ? this.addTask(item, context) : this.sectionContext(item, context);
      for (const token of ownTokens(item.tokens)) {
        if (token.type === 'list') this.addList(token, next);
      }
    }
  }

  private addTask(item: Tokens.ListItem, context: ListContext): ListContext {
    const text = this.readItemText(item);
    // A checkbox with nothing readable after it cannot be shown or picked; its children move up.
    if (text.label === '') return context;
    const collected: CollectedItem = {
      heading: this.headings.length - 1,
      listSection: context.section,
      parent: context.parent,
      depth: context.parent === null ? 0 : context.parent.depth + 1,
      label: text.label,
      markdown: text.markdown,
      status: text.status ?? (item.checked === true ? 'done' : 'todo'),
      key: '',
    };
    if (this.items.push(collected) > ROADMAP_LIMITS.maxItems) {
      throw new RoadmapParseError(
        'too-many-items',
        `That roadmap has more than ${ROADMAP_LIMITS.maxItems.toLocaleString('en-US')} checklist items.`,
      );
    }
    return { parent: collected, section: context.section };
  }

  /**
   * A plain bullet over a nested list labels the checklist items in it (`* **Core Internals:**`).
   * Inside a checklist item, bullets are the item's own notes, and its children stay in its section.
   */
  private sectionContext(item: Tokens.ListItem, context: ListContext): ListContext {
    if (context.parent !== null) return context;
    const label = sectionName(this.plainText(this.ownInlineTokens(item)));
    return label === '' ? context : { parent: null, section: label };
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
  const { headings, items: collected } = collect(toText(source));
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

    const baseKey = `${phaseSlugs[phaseIndex]}/${textSlug(item.label)}`;
    const seen = (keyCounts.get(baseKey) ?? 0) + 1;
    keyCounts.set(baseKey, seen);
    item.key = seen === 1 ? baseKey : `${baseKey}~${seen}`;

    const headingSection = sectionName(headings[sectionOf[item.heading] ?? -1]?.title ?? '') || null;
    return {
      key: item.key,
      phaseIndex,
      section: item.listSection ?? headingSection,
      parentKey: item.parent?.key ?? null,
      depth: item.depth,
      position,
      label: item.label,
      markdown: item.markdown,
      status: item.status,
    };
  });
  return { title, phases, items };
}
