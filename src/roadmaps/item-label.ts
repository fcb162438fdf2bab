import type { Token } from 'marked';
import { collapseWhitespace, inlinePlainText, ownTokens } from './markdown-inline.js';

/** Discord's autocomplete choice length: a label always fits one on its own. */
const ITEM_LABEL_MAX = 100;

export interface ItemText {
  /** What the item is called: its lead term, first line or first sentence, at most 100 characters. */
  label: string;
  /** The rest of the item's text, or all of it when the label had to be cut. */
  description: string | null;
  /** Alt texts of the item's images: badges such as `![High](…)` say something about the item. */
  tags: string[];
  /** All the text a reader sees, badges included: what the item's key is made from. */
  fullText: string;
}

/** Words whose period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'e.g.',
  'i.e.',
  'etc.',
  'vs.',
  'cf.',
  'approx.',
  'incl.',
  'ca.',
  'no.',
  'fig.',
]);

const SENTENCE_END = /[.!?…]+["'”’)\]]*(?=\s)/gu;

function withoutImages(tokens: readonly Token[]): Token[] {
  return ownTokens(tokens).flatMap((token): Token[] => {
    if (token.type === 'image') return [];
    if ('tokens' in token && Array.isArray(token.tokens)) {
      return [{ ...token, tokens: withoutImages(token.tokens) } as Token];
    }
    return [token];
  });
}

function imageAlts(tokens: readonly Token[], into: string[]): string[] {
  for (const token of ownTokens(tokens)) {
    if (token.type === 'image') {
      const alt = collapseWhitespace(inlinePlainText(token.tokens));
      if (alt !== '' && !into.includes(alt)) into.push(alt);
    } else if ('tokens' in token && Array.isArray(token.tokens)) {
      imageAlts(token.tokens, into);
    }
  }
  return into;
}

/** `text` cut at a word boundary to at most `max` characters, marked with `…` when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  // A single very long word is cut where it must be rather than dropped.
  const kept = space >= max / 2 ? head.slice(0, space) : head;
  return `${kept.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** Where the first sentence of `text` ends, or -1 when it is one sentence. */
function firstSentenceEnd(text: string): number {
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const word = (/\S+$/u.exec(text.slice(0, end))?.[0] ?? '').replace(/^[(["'“‘]+/u, '');
    const initial = /^\p{Lu}\.$/u.test(word);
    const next = text.slice(end).trimStart();
    if (!ABBREVIATIONS.has(word.toLowerCase()) && !initial && !/^\p{Ll}/u.test(next)) return end;
  }
  return -1;
}

/**
 * `**Doctype:** The Doctype is HTML5…`: a bold term ending with a colon names the item, and
 * what follows explains it.
 */
function leadTerm(tokens: readonly Token[]): { term: string; rest: string } | null {
  const first = ownTokens(tokens).find((token) => token.raw.trim() !== '');
  if (first?.type !== 'strong') return null;
  const plain = collapseWhitespace(inlinePlainText(first.tokens));
  const term = plain.replace(/\s*:+$/u, '');
  const after = inlinePlainText(tokens.slice(tokens.indexOf(first) + 1)).trimStart();
  const colon = plain.endsWith(':') || after.startsWith(':');
  const rest = after.replace(/^:\s*/u, '');
  return colon && term !== '' && rest.trim() !== '' ? { term, rest } : null;
}

function split(lead: string, rest: string): Pick<ItemText, 'label' | 'description'> {
  if (lead.length > ITEM_LABEL_MAX) {
    const whole = collapseWhitespace(`${lead} ${rest}`);
    return { label: cutAtWord(whole, ITEM_LABEL_MAX), description: whole };
  }
  const description = collapseWhitespace(rest);
  return { label: lead, description: description === '' ? null : description };
}

/**
 * Reads an item's inline tokens (its checkbox and status note already removed) into a label that
 * reads well in lists and autocomplete, a description and tags. The item's markdown is kept
 * elsewhere as written; nothing here changes what an export writes.
 */
export function readItemText(tokens: readonly Token[]): ItemText {
  const fullText = collapseWhitespace(inlinePlainText(tokens));
  const tags = imageAlts(tokens, []);
  const textTokens = withoutImages(tokens);
  const plain = inlinePlainText(textTokens).trim();
  const readable = collapseWhitespace(plain);
  // An item that is nothing but a badge is still called something.
  if (readable === '')
    return { label: cutAtWord(fullText, ITEM_LABEL_MAX), description: null, tags, fullText };

  const term = leadTerm(textTokens);
  if (term !== null) return { ...split(term.term, term.rest), tags, fullText };
  // A wrapped item whose second line starts a new sentence was written as a title over notes.
  const newline = plain.indexOf('\n');
  if (newline !== -1) {
    const firstLine = collapseWhitespace(plain.slice(0, newline));
    const rest = plain.slice(newline + 1);
    if (firstLine !== '' && /^\s*[\p{Lu}\p{N}]/u.test(rest) && firstSentenceEnd(firstLine) === -1) {
      return { ...split(firstLine, rest), tags, fullText };
    }
  }
  const end = firstSentenceEnd(readable);
  const lead = end === -1 ? readable : readable.slice(0, end);
  return { ...split(lead, end === -1 ? '' : readable.slice(end)), tags, fullText };
}
