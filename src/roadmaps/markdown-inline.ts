import type { MarkedToken, Token } from 'marked';

/**
 * The named entities people actually type in roadmaps. The full HTML table has over two thousand
 * names; an unknown one is kept as written, which is also what a reader would see in most
 * renderers that do not know it.
 */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  check: '✓',
};

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/gu,
    (entity, dec, hex, name) => {
      if (typeof name === 'string') return NAMED_ENTITIES[name] ?? entity;
      const codePoint = typeof dec === 'string' ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
      // CommonMark turns NUL, surrogates and out-of-range values into the replacement character.
      const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
      return String.fromCodePoint(valid ? codePoint : 0xfffd);
    },
  );
}

/** No marked extensions are registered, so every token is one of marked's own kinds. */
export function ownTokens(tokens: readonly Token[]): readonly MarkedToken[] {
  return tokens as readonly MarkedToken[];
}

/** Collapses whitespace, including the line breaks of a wrapped paragraph, into single spaces. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * What a reader sees: link and image text without their targets, emphasis and inline HTML tags
 * dropped, code spans as their literal text, entities decoded. Whitespace is left for the caller
 * to collapse once over the whole text.
 */
export function inlinePlainText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of ownTokens(tokens)) {
    switch (token.type) {
      case 'text':
        // Entities are decoded from the source: marked decodes some of them in `text` already,
        // and decoding twice would turn a written `&amp;lt;` into `<`.
        text += token.tokens ? inlinePlainText(token.tokens) : decodeEntities(token.raw);
        break;
      case 'escape':
      case 'codespan':
        text += token.text;
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'link':
      case 'image':
        text += inlinePlainText(token.tokens);
        break;
      case 'br':
        text += ' ';
        break;
      default:
        break;
    }
  }
  return text;
}

function isReferenceStyle(raw: string): boolean {
  return raw.startsWith('[') || raw.startsWith('![') ? raw.endsWith(']') : false;
}

function inlineDestination(href: string, title: string | null | undefined): string {
  const destination = `<${href.replace(/[<>\s]/gu, (char) => encodeURIComponent(char))}>`;
  if (!title) return destination;
  return `${destination} "${title.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * Re-wraps a delimited span (`**…**`, `_…_`, `~~…~~`) around rewritten content. Returns null when
 * the raw text is not the symmetric wrapper the span's children suggest, so the caller keeps it.
 */
function rewrap(raw: string, children: readonly Token[]): string | null {
  const inner = children.map((child) => child.raw).join('');
  const delimiterLength = (raw.length - inner.length) / 2;
  if (delimiterLength < 1 || raw.slice(delimiterLength, raw.length - delimiterLength) !== inner) return null;
  return `${raw.slice(0, delimiterLength)}${inlineMarkdown(children)}${raw.slice(raw.length - delimiterLength)}`;
}

/**
 * The item's own markdown, as written, except that reference-style links and images
 * (`[docs][1]`) become inline ones: an exported item stands without the document's link
 * definitions, and would otherwise lose its link and change its label.
 */
export function inlineMarkdown(tokens: readonly Token[]): string {
  let markdown = '';
  for (const token of ownTokens(tokens)) {
    switch (token.type) {
      case 'link':
      case 'image':
        markdown += isReferenceStyle(token.raw)
          ? `${token.type === 'image' ? '!' : ''}[${inlineMarkdown(token.tokens)}](${inlineDestination(token.href, token.title)})`
          : token.raw;
        break;
      case 'strong':
      case 'em':
      case 'del':
        markdown += rewrap(token.raw, token.tokens) ?? token.raw;
        break;
      default:
        markdown += token.raw;
        break;
    }
  }
  return markdown;
}

/**
 * Escapes the characters that would make plain text (a phase title, a section label) read as
 * markdown when written back into a file. Only what changes the meaning is escaped, so an
 * exported file stays readable.
 */
export function escapeInlineMarkdown(text: string): string {
  // `://` and `www.` are broken up too: an autolink could swallow an escape written next to it.
  return text.replace(/[\\`*_[\]<>~]|&(?=#?\w+;)|:(?=\/\/)|(?<=\bwww)\./giu, '\\$&');
}
