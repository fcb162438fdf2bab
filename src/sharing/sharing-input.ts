import { optionalLink, requireText } from '../shared/input.js';
import { UserError } from '../shared/user-error.js';

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
