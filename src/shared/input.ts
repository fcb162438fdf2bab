import { normalizeUrl } from './normalize-url.js';
import { truncate } from './text.js';
import { UserError } from './user-error.js';

/*
 * What members type, checked before anything is stored: readable text, lengths and links, for
 * every command that takes free text.
 */

/**
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
