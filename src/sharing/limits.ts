import type { RateLimitRule } from '../discord/rate-limiter.js';
import { UserError } from '../discord/user-error.js';
import { normalizeUrl } from './normalize-url.js';

/** Per-field limits, shared by the slash option definitions, the modal and validation. */
export const SHARING_LIMITS = {
  learning: 1_500,
  title: 200,
  note: 500,
  description: 1_000,
  tech: 200,
  reflection: 1_000,
  tagCount: 5,
  tagLength: 30,
  /** Room for five tags of 30 characters and their separators, as typed in one field. */
  tagsInput: 5 * 31 + 20,
} as const;

/**
 * Posting is a deliberate act; a burst usually means a script or a stuck key. Modal submits are
 * counted too, so opening and sending the /learned modal uses two of these. Shared by /learned,
 * /resources and /project, each command with one budget for all its subcommands.
 */
export const SHARING_RATE_LIMIT: RateLimitRule = { uses: 10, windowMs: 5 * 60_000 };

/** `value` trimmed, refused when empty or longer than `max`. */
export function requireText(value: string, label: string, max: number): string {
  const text = value.trim();
  if (text === '') throw new UserError(`${label} cannot be empty.`);
  if (text.length > max) {
    throw new UserError(
      `${label} can be at most ${max.toLocaleString('en-US')} characters (yours has ${text.length.toLocaleString('en-US')}).`,
    );
  }
  return text;
}

/** Like `requireText`, but a missing or blank value is `null`. */
export function optionalText(value: string | null | undefined, label: string, max: number): string | null {
  if (value == null || value.trim() === '') return null;
  return requireText(value, label, max);
}

/** A normalized http(s) link, or `null` when none was given. */
export function optionalLink(value: string | null | undefined, label: string): string | null {
  if (value == null || value.trim() === '') return null;
  const result = normalizeUrl(value);
  if (!result.ok) throw new UserError(`${label}: ${result.reason}`);
  return result.url;
}

const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}+#._-]*$/u;

/**
 * Tags as typed ("python, #async web"): split on commas and spaces, leading `#` dropped,
 * lowercased and de-duplicated.
 */
export function parseTags(value: string | null | undefined): string[] {
  const tags = [
    ...new Set(
      (value ?? '')
        .split(/[\s,]+/)
        .map((tag) => tag.replace(/^#+/, '').toLowerCase())
        .filter((tag) => tag !== ''),
    ),
  ];
  if (tags.length > SHARING_LIMITS.tagCount) {
    throw new UserError(`Use at most ${SHARING_LIMITS.tagCount} tags (you gave ${tags.length}).`);
  }
  for (const tag of tags) {
    if (tag.length > SHARING_LIMITS.tagLength) {
      throw new UserError(
        `Tags can be at most ${SHARING_LIMITS.tagLength} characters (“${tag.slice(0, 40)}” is longer).`,
      );
    }
    if (!TAG_PATTERN.test(tag)) {
      throw new UserError(
        'Tags can use letters, digits and + # . _ - (separate them with commas or spaces).',
      );
    }
  }
  return tags;
}

export interface LearningInput {
  text: string;
  link: string | null;
  tags: string[];
}

/** A learning as typed in the slash command or the modal, validated; refusals change nothing. */
export function parseLearningInput(raw: {
  text: string;
  link: string | null | undefined;
  tags: string | null | undefined;
}): LearningInput {
  return {
    text: requireText(raw.text, 'What you learned', SHARING_LIMITS.learning),
    link: optionalLink(raw.link, 'Link'),
    tags: parseTags(raw.tags),
  };
}
