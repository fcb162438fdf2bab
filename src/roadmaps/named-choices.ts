import { truncate } from '../shared/text.js';
import { normalizeText } from './text.js';

/** Discord's limits for autocomplete: 25 choices, names and values of at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

export interface Named {
  id: number;
  name: string;
}

function containsEveryWord(text: string, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  const normalized = normalizeText(text);
  return words.every((word) => normalized.includes(word));
}

/**
 * Autocomplete choices for a short list chosen by name (roadmaps, phases): entries whose name
 * holds every typed word, in their own order; the value is the id.
 */
export function namedChoices<T extends Named>(
  entries: readonly T[],
  query: string,
  describe: (entry: T) => string = (entry) => entry.name,
): { name: string; value: string }[] {
  return entries
    .filter((entry) => containsEveryWord(entry.name, query))
    .slice(0, MAX_CHOICES)
    .map((entry) => ({ name: truncate(describe(entry), MAX_CHOICE_LENGTH), value: String(entry.id) }));
}

/**
 * The entry a submitted value names: a picked choice (its id), the exact name, or typed words
 * that fit exactly one name. Anything else is undefined, for the caller to refuse clearly.
 */
export function resolveNamed<T extends Named>(entries: readonly T[], input: string): T | undefined {
  const trimmed = input.trim();
  const byId = entries.find((entry) => String(entry.id) === trimmed);
  if (byId) return byId;
  const normalized = normalizeText(trimmed);
  if (normalized === '') return undefined;
  const exact = entries.filter((entry) => normalizeText(entry.name) === normalized);
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  const partial = entries.filter((entry) => containsEveryWord(entry.name, trimmed));
  return partial.length === 1 ? partial[0] : undefined;
}
