import { normalizeUrl } from './normalize-url.js';
import { truncate } from './text.js';
import { UserError } from './user-error.js';

/*
 * What members type, checked before anything is stored: readable text, lengths, links, tags.
 * The sharing commands' limits and learning input are here too while /learned, /resources and
 * /project import them from this path; they belong in src/sharing/ once those are converted.
 */

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
<<<<<<< ours
 * Posting is a deliberate act; a burst usually means a script or a stuck key. Modal submits are
 * counted too, so opening and sending the /learned modal uses two of these. Shared by /learned,
 * /resources and /project, each command with one budget for all its subcommands.
 */
export const SHARING_RATE_LIMIT = { uses: 10, windowMs: 5 * 60_000 };

/**
=======
>>>>>>> theirs
 * What takes no room on screen: whitespace, zero-width and other format or default-ignorable
 * characters (ZWSP, ZWJ, word joiner, BOM, Hangul fillers) and the blank Braille pattern.
 */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** `[label](target)`, the masked link Discord renders in embeds and messages. */
const MASKED_LINK = /\[((?:\\.|[^\]\\])*)\]\(\s*<?([^\s<>)]*)>?[^)]*\)/g;

/** An address a reader would take for the link's destination: with a scheme, or `www.`. */
const SHOWN_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/giu;

const MAX_QUOTED_URL = 100;

function comparableUrl(address: string): { host: string; url: string } | undefined {
  const result = normalizeUrl(/^www\./i.test(address) ? `https://${address}` : address);
  if (!result.ok) return undefined;
  const url = new URL(result.url);
  return {
    host: url.hostname.replace(/^www\./, ''),
    url: `${url.host.replace(/^www\./, '')}${result.url.slice(url.origin.length)}`,
  };
}

/**
 * Whether a masked link shows an address it does not lead to: an address in its text on another
 * host than the target, or a text that is one whole address different from the target.
 */
function misleadingAddress(label: string, target: string): string | undefined {
  const visible = label.replace(INVISIBLE, ' ').replace(/[*_~|`\\]/g, '');
  const destination = comparableUrl(target);
  for (const shown of visible.match(SHOWN_ADDRESS) ?? []) {
    const address = comparableUrl(shown.replace(/[.,;:!?]+$/, ''));
    if (!address || !destination) return shown;
    if (address.host !== destination.host) return shown;
    if (shown === visible.trim() && address.url !== destination.url) return shown;
  }
  return undefined;
}

/**
 * Refuses text a reader would be misled by: text that renders as nothing (only invisible
 * characters), and masked links whose text shows an address other than where they lead.
 */
export function assertReadableText(text: string, label: string): void {
  if (text.replace(INVISIBLE, '') === '') {
    throw new UserError(
      `${label} has only invisible characters (such as zero-width spaces): write something others can read.`,
    );
  }
  for (const [, linkText = '', target = ''] of text.matchAll(MASKED_LINK)) {
    const shown = misleadingAddress(linkText, target);
    if (shown !== undefined) {
      throw new UserError(
        `${label} has a link that shows ${truncate(shown, MAX_QUOTED_URL)} but leads to ${truncate(target, MAX_QUOTED_URL)}. ` +
          'Links must go where they say: show the real address, or describe the link in words.',
      );
    }
  }
}

/** `value` trimmed, refused when empty, unreadable (see `assertReadableText`) or longer than `max`. */
export function requireText(value: string, label: string, max: number): string {
  const text = value.trim();
  if (text === '') throw new UserError(`${label} cannot be empty.`);
  if (text.length > max) {
    throw new UserError(
      `${label} can be at most ${max.toLocaleString('en-US')} characters (yours has ${text.length.toLocaleString('en-US')}).`,
    );
  }
  assertReadableText(text, label);
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
