import { RoadmapParseError } from './roadmap-parse-error.js';

/**
 * marked's block lexer re-reads a list item's text once per level of nesting, so its work grows
 * with size times depth: a crafted 1 MB file nested thirty levels deep takes seconds. Measured as
 * bytes times the levels they sit at, this allows a full 1 MB file at an average of four levels,
 * far beyond any real roadmap.
 */
const MAX_NESTED_WORK = 4 * 1_048_576;
/**
 * Some of marked's paragraph rules (the setext underline scan inside list items, the GFM table
 * check) re-scan a paragraph from every one of its lines: quadratic. A 40 kB paragraph of short
 * lines alternating with `|-|-|` takes three seconds. Measured as bytes times lines per
 * paragraph, this allows about a sixth of that, and any paragraph or table a person would write.
 */
const MAX_PARAGRAPH_WORK = 50_000_000;

interface LinePrefix {
  /** Columns of indentation, `>` and list markers before the line's content. */
  columns: number;
  hasListMarker: boolean;
  quoted: boolean;
  /** Index of the first character after the prefix. */
  content: number;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === undefined;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function listMarkerLength(text: string, i: number): number {
  const char = text[i];
  if ((char === '-' || char === '*' || char === '+') && isSpace(text[i + 1])) return 1;
  let digits = 0;
  while (digits < 9 && isDigit(text.charCodeAt(i + digits))) digits += 1;
  const delimiter = text[i + digits];
  return digits > 0 && (delimiter === '.' || delimiter === ')') && isSpace(text[i + digits + 1])
    ? digits + 1
    : 0;
}

function linePrefix(text: string, start: number): LinePrefix {
  let columns = 0;
  let hasListMarker = false;
  let quoted = false;
  let i = start;
  for (;;) {
    const char = text[i];
    if (char === ' ' || char === '\t') {
      columns += char === '\t' ? 4 - (columns % 4) : 1;
      i += 1;
    } else if (char === '>') {
      columns += 1;
      i += 1;
      quoted = true;
    } else {
      const length = listMarkerLength(text, i);
      if (length === 0) return { columns, hasListMarker, quoted, content: i };
      columns += length;
      i += length;
      hasListMarker = true;
    }
  }
}

function isFence(text: string, content: number): boolean {
  return text.startsWith('```', content) || text.startsWith('~~~', content);
}

/**
 * Refuses, before lexing, a file whose shape would make marked's block lexer take seconds. One
 * linear pass over the lines; it estimates cost and never decides what is an item.
 */
export function assertAffordableToLex(text: string): void {
  let nestedWork = 0;
  let paragraphWork = 0;
  let paragraphBytes = 0;
  let paragraphLines = 0;
  let inFence = false;

  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const prefix = linePrefix(text, start);
    nestedWork += (end - start) * (1 + Math.floor(prefix.columns / 2));
    // Quoted lines stay in the paragraph: marked re-reads a quote from its start while looking
    // for lazy continuation lines, so a long run of quotes costs what a long paragraph does.
    const structural = !prefix.quoted;
    const fence = structural && isFence(text, prefix.content);
    if (fence) inFence = !inFence;
    const blank = !prefix.hasListMarker && !prefix.quoted && isSpace(text[prefix.content]);
    // Blank lines, list items, fenced code and headings end a paragraph for marked's scans too.
    const heading = structural && text[prefix.content] === '#';
    if (blank || (structural && prefix.hasListMarker) || fence || inFence || heading) {
      paragraphWork += paragraphBytes * paragraphLines;
      paragraphBytes = 0;
      paragraphLines = 0;
    } else {
      paragraphBytes += end - start;
      paragraphLines += 1;
    }
    start = end;
  }
  paragraphWork += paragraphBytes * paragraphLines;

  if (nestedWork > MAX_NESTED_WORK) throw tooComplex('its lists or quotes nest too deeply');
  if (paragraphWork > MAX_PARAGRAPH_WORK) throw tooComplex('it has paragraphs too long to read');
}

export function tooComplex(detail: string): RoadmapParseError {
  return new RoadmapParseError('too-complex', `That file is too complex to read as a roadmap: ${detail}.`);
}
