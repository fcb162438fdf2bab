import { truncate } from '../shared/text.js';
import { type ItemStatus, isFinished } from './item-status.js';
import { normalizeText } from './text.js';

export interface SearchableItem {
  id: number;
  label: string;
  phaseTitle: string;
  /** Document order; ties between equally good matches go to the earlier item. */
  position: number;
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

interface IndexEntry<T extends SearchableItem> {
  item: T;
  /** The normalized label, for substring matches. */
  text: string;
  words: readonly string[];
  choice: AutocompleteChoice;
}

export interface ItemIndex<T extends SearchableItem> {
  readonly entries: readonly IndexEntry<T>[];
  readonly byValue: ReadonlyMap<string, T>;
  /** Every distinct label word once, so per-query work on words is done once, not per item. */
  readonly vocabulary: readonly string[];
}

export interface SearchOptions {
  statusOf?: (itemId: number) => ItemStatus;
  /** Which items come first: open ones for /check (default), finished ones for /uncheck. */
  prefer?: 'open' | 'finished';
  /** At most 25, Discord's limit for autocomplete choices. */
  limit?: number;
}

const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;
const MAX_PHASE_LABEL_LENGTH = 24;
/** Shorter words have too many one-edit neighbours for a typo match to mean anything. */
const MIN_TYPO_WORD_LENGTH = 4;

const SCORE_WORD = 4;
const SCORE_PREFIX = 3;
const SCORE_SUBSTRING = 2;
const SCORE_TYPO = 1;

/** "Phase 1: Laying the Bedrock…" → "Phase 1": the part before a colon says which phase, briefly. */
function phaseLabel(title: string): string {
  const colon = title.indexOf(':');
  const lead = colon > 0 && colon <= MAX_PHASE_LABEL_LENGTH ? title.slice(0, colon) : title;
  return truncate(lead.trim(), MAX_PHASE_LABEL_LENGTH);
}

export function buildItemIndex<T extends SearchableItem>(items: readonly T[]): ItemIndex<T> {
  const vocabulary = new Set<string>();
  const entries = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item): IndexEntry<T> => {
      const text = normalizeText(item.label);
      const words = text === '' ? [] : text.split(' ');
      for (const word of words) vocabulary.add(word);
      const name = truncate(`${phaseLabel(item.phaseTitle)} · ${item.label}`, MAX_CHOICE_LENGTH);
      return { item, text, words, choice: { name, value: String(item.id) } };
    });
  return {
    entries,
    byValue: new Map(entries.map((entry) => [entry.choice.value, entry.item])),
    vocabulary: [...vocabulary],
  };
}

/**
 * Whether `a` becomes the first `length` characters of `b` with at most one insertion, deletion
 * or substitution. Indexes instead of slices: this runs for every word of the index per query.
 */
function withinOneEdit(a: string, b: string, length: number): boolean {
  if (Math.abs(a.length - length) > 1) return false;
  let i = 0;
  while (i < a.length && i < length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  // Skip the one differing character in the longer string (or in both, for a substitution).
  let j = a.length >= length ? i + 1 : i;
  let k = length >= a.length ? i + 1 : i;
  while (j < a.length && k < length) {
    if (a.charCodeAt(j) !== b.charCodeAt(k)) return false;
    j += 1;
    k += 1;
  }
  return true;
}

/** A typo of the word, or of the beginning of it, since people search while still typing. */
function isTypoOf(queryWord: string, word: string): boolean {
  for (let length = queryWord.length - 1; length <= queryWord.length + 1; length += 1) {
    if (length <= word.length && withinOneEdit(queryWord, word, length)) return true;
  }
  return false;
}

interface QueryWord {
  word: string;
  prefixOf: ReadonlySet<string>;
  typoOf: ReadonlySet<string>;
}

function prepareQuery(vocabulary: readonly string[], query: string): QueryWord[] {
  const words = [
    ...new Set(
      normalizeText(query)
        .split(' ')
        .filter((word) => word !== ''),
    ),
  ];
  return words.map((word) => {
    const prefixOf = new Set(vocabulary.filter((candidate) => candidate.startsWith(word)));
    const typoOf = new Set(
      word.length < MIN_TYPO_WORD_LENGTH
        ? []
        : vocabulary.filter((candidate) => !prefixOf.has(candidate) && isTypoOf(word, candidate)),
    );
    return { word, prefixOf, typoOf };
  });
}

function wordScore(entry: IndexEntry<SearchableItem>, query: QueryWord): number {
  let best = entry.text.includes(query.word) ? SCORE_SUBSTRING : 0;
  for (const word of entry.words) {
    if (word === query.word) return SCORE_WORD;
    if (query.prefixOf.has(word)) best = SCORE_PREFIX;
    else if (best === 0 && query.typoOf.has(word)) best = SCORE_TYPO;
  }
  return best;
}

interface Match {
  /** Index into the index's entries, which are in document order. */
  entry: number;
  score: number;
  typo: boolean;
}

/** Every query word must match; a typo anywhere makes the whole match a lower-ranked fallback. */
function matchEntries(index: ItemIndex<SearchableItem>, query: readonly QueryWord[]): Match[] {
  const matches: Match[] = [];
  index.entries.forEach((entry, position) => {
    let score = 0;
    let typo = false;
    for (const word of query) {
      const points = wordScore(entry, word);
      if (points === 0) return;
      score += points;
      typo ||= points === SCORE_TYPO;
    }
    matches.push({ entry: position, score, typo });
  });
  return matches;
}

/** Room for the entry index in a sort key; far more than the 2,000 items a roadmap may have. */
const ENTRY_SLOTS = 1_000_000;
const MAX_SCORE = 999;

/**
 * Autocomplete choices for an item option. Items the member is likely to want come first (open
 * ones by default), then better matches, then document order. An empty query lists the next
 * items in order.
 */
export function searchItems<T extends SearchableItem>(
  index: ItemIndex<T>,
  query: string,
  options: SearchOptions = {},
): AutocompleteChoice[] {
  const { statusOf, prefer = 'open', limit = MAX_CHOICES } = options;
  const preferFinished = prefer === 'finished';
  const words = prepareQuery(index.vocabulary, query);
  const matches =
    words.length === 0
      ? index.entries.map((_, entry) => ({ entry, score: 0, typo: false }))
      : matchEntries(index, words);

  // One number per match orders by tier, typo, score and document order at once; sorting a typed
  // array of numbers is several times faster than sorting objects with a comparator.
  const keys = new Float64Array(matches.length);
  matches.forEach(({ entry, score, typo }, i) => {
    const item = index.entries[entry]?.item;
    const later = item && statusOf && isFinished(statusOf(item.id)) !== preferFinished ? 1 : 0;
    const rank = (later * 2 + Number(typo)) * (MAX_SCORE + 1) + (MAX_SCORE - Math.min(score, MAX_SCORE));
    keys[i] = rank * ENTRY_SLOTS + entry;
  });
  keys.sort();

  const count = Math.min(keys.length, Math.max(limit, 0), MAX_CHOICES);
  return Array.from(keys.subarray(0, count), (key) => index.entries[key % ENTRY_SLOTS]?.choice).filter(
    (choice): choice is AutocompleteChoice => choice !== undefined,
  );
}

/**
 * The item a submitted option value names: its id (a picked choice), or typed text that points
 * at exactly one item. Ambiguous text resolves to null, because checking off the wrong item is
 * worse than asking again.
 */
export function resolveItemInput<T extends SearchableItem>(index: ItemIndex<T>, input: string): T | null {
  const byValue = index.byValue.get(input.trim());
  if (byValue) return byValue;

  const normalized = normalizeText(input);
  if (normalized === '') return null;
  const sameText = index.entries.filter((entry) => entry.text === normalized);
  if (sameText.length > 0) return sameText.length === 1 ? (sameText[0]?.item ?? null) : null;

  const matches = matchEntries(index, prepareQuery(index.vocabulary, input));
  const exact = matches.filter((match) => !match.typo);
  const candidates = exact.length > 0 ? exact : matches;
  const [only] = candidates;
  return candidates.length === 1 && only ? (index.entries[only.entry]?.item ?? null) : null;
}
