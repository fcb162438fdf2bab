import type { ParsedRoadmap } from './parse-roadmap.js';
import { normalizeText } from './text.js';

/** An item already stored for the roadmap, including ones a previous import removed. */
export interface ExistingItem {
  id: number;
  key: string;
  /** The item's text as written: labels are shortened, so two items can share one. */
  markdown: string;
  phaseTitle: string;
  position: number;
  /** False for an item a previous import removed; it comes back when the file has it again. */
  active: boolean;
}

export interface ItemMatch {
  oldId: number;
  newKey: string;
  /** How the pair was found: same key, same text elsewhere in the file, or similar text. */
  via: 'key' | 'text' | 'similar';
  /** The stored row needs an update: key, label, phase, position or inactive state differ. */
  changed: boolean;
  /** What a person would call a change: the text or the phase differs. */
  edited: boolean;
  /** The item had been removed by an earlier import and is back. */
  revived: boolean;
}

export interface RoadmapItemMatching {
  /** In the new file's order. */
  matched: ItemMatch[];
  /** Keys of new items nothing matched, in the new file's order. */
  added: string[];
  /** Ids of active items nothing matched, in their old order. */
  removed: number[];
}

export interface MatchOptions {
  /** Minimum Dice similarity of character bigrams for a lightly edited item; 0–1. */
  similarityThreshold?: number;
}

const DEFAULT_SIMILARITY_THRESHOLD = 0.75;
/**
 * Candidates kept per old item in the similarity pass. Pairs are then taken best first; keeping
 * a few per item instead of all of them bounds memory when many items look alike.
 */
const CANDIDATES_PER_ITEM = 4;
/**
 * Texts scored per old item in the similarity pass. Candidates arrive rarest shared bigram first,
 * so a genuinely similar text is among the first few; the cap bounds the pass at n × this when
 * every text shares the same words (a file of near-identical lines).
 */
const SCORED_PER_ITEM = 100;

interface NewSide {
  key: string;
  markdown: string;
  phaseTitle: string;
  position: number;
  text: string;
}

interface OldSide extends ExistingItem {
  text: string;
}

/** What items are compared by: their words, without the destinations of their links and images. */
function matchText(markdown: string): string {
  return normalizeText(markdown.replace(/\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/gu, ']'));
}

/** Sorted character-bigram codes of ` text `; the padding makes word starts and ends count. */
function bigrams(text: string): Uint32Array {
  const padded = ` ${text} `;
  const codes = new Uint32Array(Math.max(padded.length - 1, 0));
  for (let i = 0; i < codes.length; i += 1) {
    codes[i] = (padded.charCodeAt(i) << 16) | padded.charCodeAt(i + 1);
  }
  return codes.sort();
}

/** Dice coefficient of two sorted bigram multisets, by one merge pass. */
function dice(a: Uint32Array, b: Uint32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return (2 * shared) / (a.length + b.length);
}

interface Candidate {
  old: OldSide;
  next: NewSide;
  score: number;
}

/** Best pairs first; among equals, the same phase, then the nearer position, then active items. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    Number(b.old.phaseTitle === b.next.phaseTitle) - Number(a.old.phaseTitle === a.next.phaseTitle) ||
    Math.abs(a.old.position - a.next.position) - Math.abs(b.old.position - b.next.position) ||
    Number(b.old.active) - Number(a.old.active)
  );
}

/** Bigram occurrences as distinct tokens (`ab`, the second `ab`, …): multiset overlap becomes set overlap. */
function occurrenceTokens(codes: Uint32Array): number[] {
  const tokens: number[] = [];
  let repeat = 0;
  codes.forEach((code, i) => {
    repeat = i > 0 && codes[i - 1] === code ? repeat + 1 : 0;
    tokens.push(code * 64 + Math.min(repeat, 63));
  });
  return tokens;
}

/**
 * How many of a text's rarest tokens must be indexed so that any text similar enough shares at
 * least one of them (prefix filtering). Dice ≥ t needs an overlap of at least t·n/(2−t) tokens for
 * a text of n tokens, so the first n − that + 1 tokens, in one global order, must meet.
 */
function prefixLength(size: number, threshold: number): number {
  const overlap = Math.ceil((threshold * size) / (2 - threshold) - 1e-9);
  return Math.min(size, Math.max(1, size - overlap + 1));
}

/**
 * Pairs scoring at least `threshold`, best first. Comparing every old item with every new one is
 * what a whole-file replacement would cost (seconds for 2,000 × 2,000), so candidates come from an
 * index of each new text's rarest bigrams, and only they are scored.
 */
function similarCandidates(
  olds: readonly OldSide[],
  news: readonly NewSide[],
  threshold: number,
): Candidate[] {
  const oldBigrams = olds.map((old) => bigrams(old.text));
  const newBigrams = news.map((next) => bigrams(next.text));
  const oldTokens = oldBigrams.map(occurrenceTokens);
  const newTokens = newBigrams.map(occurrenceTokens);

  const frequency = new Map<number, number>();
  for (const tokens of [...oldTokens, ...newTokens]) {
    for (const token of tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const rarestFirst = (a: number, b: number) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || a - b;
  const prefix = (tokens: number[]) =>
    tokens.sort(rarestFirst).slice(0, prefixLength(tokens.length, threshold));

  const postings = new Map<number, number[]>();
  newTokens.forEach((tokens, index) => {
    for (const token of prefix(tokens)) {
      const list = postings.get(token);
      if (list) list.push(index);
      else postings.set(token, [index]);
    }
  });

  const candidates: Candidate[] = [];
  const seenBy = new Int32Array(news.length).fill(-1);
  olds.forEach((old, oldIndex) => {
    const a = oldBigrams[oldIndex] as Uint32Array;
    const best: Candidate[] = [];
    let scored = 0;
    scan: for (const token of prefix(oldTokens[oldIndex] ?? [])) {
      for (const index of postings.get(token) ?? []) {
        if (scored >= SCORED_PER_ITEM) break scan;
        if (seenBy[index] === oldIndex) continue;
        seenBy[index] = oldIndex;
        scored += 1;
        const b = newBigrams[index] as Uint32Array;
        // Dice cannot exceed 2·min/(a+b): skip pairs whose lengths alone rule them out.
        if (2 * Math.min(a.length, b.length) < threshold * (a.length + b.length)) continue;
        const score = dice(a, b);
        const next = news[index];
        if (next && score >= threshold) best.push({ old, next, score });
      }
    }
    candidates.push(...best.sort(compareCandidates).slice(0, CANDIDATES_PER_ITEM));
  });
  return candidates.sort(compareCandidates);
}

function byActiveThenPosition(a: ExistingItem, b: ExistingItem): number {
  return Number(b.active) - Number(a.active) || a.position - b.position;
}

/**
 * Pairs a roadmap's stored items with a re-imported file's items so progress follows the item:
 * first by key, then by identical text in another phase (a moved item), then by similar text (a
 * lightly edited one), one-to-one. Removed items passed in as inactive come back when they match.
 * The similarity pass scores at most 100 candidates per item, found through an index of rare
 * bigrams, so it stays fast even when a whole file is replaced.
 */
export function matchRoadmapItems(
  existing: readonly ExistingItem[],
  parsed: Pick<ParsedRoadmap, 'phases' | 'items'>,
  options: MatchOptions = {},
): RoadmapItemMatching {
  const threshold = options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const news: NewSide[] = parsed.items.map((item) => ({
    key: item.key,
    markdown: item.markdown,
    phaseTitle: parsed.phases[item.phaseIndex]?.title ?? '',
    position: item.position,
    text: matchText(item.markdown),
  }));
  const olds: OldSide[] = [...existing]
    .sort(byActiveThenPosition)
    .map((item) => ({ ...item, text: matchText(item.markdown) }));

  const pairs = new Map<NewSide, { old: OldSide; via: ItemMatch['via'] }>();
  const pairedOld = new Set<OldSide>();
  const pair = (old: OldSide, next: NewSide, via: ItemMatch['via']): void => {
    pairs.set(next, { old, via });
    pairedOld.add(old);
  };

  const newByKey = new Map(news.map((next) => [next.key, next]));
  for (const old of olds) {
    const next = newByKey.get(old.key);
    if (next && !pairs.has(next)) pair(old, next, 'key');
  }

  const newByText = new Map<string, NewSide[]>();
  for (const next of news) {
    if (pairs.has(next)) continue;
    const sameText = newByText.get(next.text);
    if (sameText) sameText.push(next);
    else newByText.set(next.text, [next]);
  }
  for (const old of olds) {
    const sameText = pairedOld.has(old) ? undefined : newByText.get(old.text);
    if (!sameText) continue;
    const samePhase = sameText.findIndex((next) => next.phaseTitle === old.phaseTitle);
    const [next] = sameText.splice(Math.max(samePhase, 0), 1);
    if (next) pair(old, next, 'text');
  }

  const unpairedOld = olds.filter((old) => !pairedOld.has(old));
  const unpairedNew = news.filter((next) => !pairs.has(next));
  for (const { old, next } of similarCandidates(unpairedOld, unpairedNew, threshold)) {
    if (!pairedOld.has(old) && !pairs.has(next)) pair(old, next, 'similar');
  }

  const matched: ItemMatch[] = [];
  const added: string[] = [];
  for (const next of news) {
    const found = pairs.get(next);
    if (!found) {
      added.push(next.key);
      continue;
    }
    const { old, via } = found;
    const edited = old.markdown !== next.markdown || old.phaseTitle !== next.phaseTitle;
    matched.push({
      oldId: old.id,
      newKey: next.key,
      via,
      changed: edited || !old.active || old.key !== next.key || old.position !== next.position,
      edited,
      revived: !old.active,
    });
  }
  const removed = olds.filter((old) => old.active && !pairedOld.has(old)).map((old) => old.id);
  return { matched, added, removed };
}
