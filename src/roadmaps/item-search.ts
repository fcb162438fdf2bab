import { truncate } from '../shared/text.js';
import { type ItemStatus, isFinished } from './item-status.js';
import { normalizeText } from './text.js';

export interface SearchableItem {
  id: number;
  label: string;
  phaseTitle: string;
  /** Searched and shown in the choice: an item called "Videos" means something under its topic. */
  topic?: string | null;
  /** Searched: a label cut short leaves the rest of the item's words here. */
  description?: string | null;
  /** Document order; ties between equally good matches go to the earlier item. */
  position: number;
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

interface IndexEntry<T extends SearchableItem> {
  item: T;
  /** The normalized label, for typed text that names the item exactly. */
  text: string;
  /** The normalized label, topic and start of the description, for word and substring matches. */
  words: string;
  choice: AutocompleteChoice;
}

export interface ItemIndex<T extends SearchableItem> {
  /** In document order. */
  readonly entries: readonly IndexEntry<T>[];
  readonly byValue: ReadonlyMap<string, T>;
  /** Every distinct label word once, so per-query work on words is done once, not per item. */
  readonly vocabulary: readonly string[];
  /** For each vocabulary word, the entries whose label has it, so a query visits only those. */
  readonly postings: readonly Uint32Array[];
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
/** A topic or phase cut shorter than this says nothing; it is left out of the choice instead. */
const MIN_CONTEXT_LENGTH = 8;
/** Enough of a description to find an item by the words its label lost; long notes add noise. */
const MAX_SEARCHED_DESCRIPTION = 300;
const CHOICE_SEPARATOR = ' · ';
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

/**
 * "Phase · Topic · Item" within Discord's 100 characters. The item's own words come whole; the
 * topic is shortened first, then left out, then the phase.
 */
export function choiceName(item: Pick<SearchableItem, 'label' | 'phaseTitle' | 'topic'>): string {
  const label = truncate(item.label, MAX_CHOICE_LENGTH);
  const phase = phaseLabel(item.phaseTitle);
  let room = MAX_CHOICE_LENGTH - label.length - CHOICE_SEPARATOR.length;
  if (room < Math.min(phase.length, MIN_CONTEXT_LENGTH)) return label;
  const shownPhase = truncate(phase, room);
  room -= shownPhase.length + CHOICE_SEPARATOR.length;
  const topic = item.topic ?? '';
  const shownTopic =
    topic !== '' && room >= Math.min(topic.length, MIN_CONTEXT_LENGTH) ? truncate(topic, room) : '';
  return [shownPhase, shownTopic, label].filter((part) => part !== '').join(CHOICE_SEPARATOR);
}

export function buildItemIndex<T extends SearchableItem>(items: readonly T[]): ItemIndex<T> {
  const wordIds = new Map<string, number>();
  const postings: number[][] = [];
  const entries = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item, position): IndexEntry<T> => {
      const text = normalizeText(item.label);
      const description = truncate(item.description ?? '', MAX_SEARCHED_DESCRIPTION);
      const words = normalizeText(`${item.label} ${item.topic ?? ''} ${description}`);
      for (const word of new Set(words === '' ? [] : words.split(' '))) {
        let id = wordIds.get(word);
        if (id === undefined) {
          id = wordIds.size;
          wordIds.set(word, id);
          postings.push([]);
        }
        postings[id]?.push(position);
      }
      return { item, text, words, choice: { name: choiceName(item), value: String(item.id) } };
    });
  return {
    entries,
    byValue: new Map(entries.map((entry) => [entry.choice.value, entry.item])),
    vocabulary: [...wordIds.keys()],
    postings: postings.map((list) => Uint32Array.from(list)),
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

function queryWords(query: string): string[] {
  return [
    ...new Set(
      normalizeText(query)
        .split(' ')
        .filter((word) => word !== ''),
    ),
  ];
}

/**
 * How well one query word matches each entry, best kind of match kept: the label has the word
 * itself, a word it begins, the word inside a longer one, or a word one typo away. Word matches
 * come from the postings, so only the substring test visits every entry.
 */
function scoreWord(index: ItemIndex<SearchableItem>, word: string): Uint8Array {
  const scores = new Uint8Array(index.entries.length);
  const typos = word.length >= MIN_TYPO_WORD_LENGTH;
  index.vocabulary.forEach((candidate, id) => {
    const points =
      candidate === word
        ? SCORE_WORD
        : candidate.startsWith(word)
          ? SCORE_PREFIX
          : typos && isTypoOf(word, candidate)
            ? SCORE_TYPO
            : 0;
    if (points === 0) return;
    for (const entry of index.postings[id] ?? []) {
      if ((scores[entry] ?? 0) < points) scores[entry] = points;
    }
  });
  index.entries.forEach((entry, position) => {
    if ((scores[position] ?? 0) < SCORE_SUBSTRING && entry.words.includes(word)) {
      scores[position] = SCORE_SUBSTRING;
    }
  });
  return scores;
}

interface Match {
  /** Index into the index's entries, which are in document order. */
  entry: number;
  score: number;
  typo: boolean;
}

/** Every query word must match; a typo anywhere makes the whole match a lower-ranked fallback. */
function matchEntries(index: ItemIndex<SearchableItem>, words: readonly string[]): Match[] {
  const perWord = words.map((word) => scoreWord(index, word));
  const matches: Match[] = [];
  entries: for (let entry = 0; entry < index.entries.length; entry += 1) {
    let score = 0;
    let typo = false;
    for (const scores of perWord) {
      const points = scores[entry] ?? 0;
      if (points === 0) continue entries;
      score += points;
      typo ||= points === SCORE_TYPO;
    }
    matches.push({ entry, score, typo });
  }
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
  const words = queryWords(query);
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

  const matches = matchEntries(index, queryWords(input));
  const exact = matches.filter((match) => !match.typo);
  const candidates = exact.length > 0 ? exact : matches;
  const [only] = candidates;
  return candidates.length === 1 && only ? (index.entries[only.entry]?.item ?? null) : null;
}
