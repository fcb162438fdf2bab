/**
 * V8 keeps the source text of every loaded script for as long as the process runs (functions are
 * compiled lazily from it), one byte per character when the whole text is ASCII and two bytes
 * otherwise. esbuild escapes non-ASCII characters in strings and identifiers but keeps them in
 * comments and regular expressions: a handful of curly quotes in undici's comments made the 4 MB
 * chunk holding discord.js an 8 MB string on the heap.
 *
 * `\uXXXX`, one per UTF-16 unit, stands for the same character in a string, a template, an
 * identifier and a regular expression (with the `u` flag an escaped surrogate pair is one code
 * point), and in a comment it is only text.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Where an escape would not mean the same character: after a backslash (`/\é/` would become a
 * backslash and the text `u00e9`), and U+2028/U+2029, which end a `//` comment as raw characters
 * but not as escaped text. The build stops rather than write a different program. (A tagged
 * template reading `.raw` would also see the escape; esbuild's output has none with such text.)
 */
const UNSAFE = /(?<!\\)(?:\\\\)*\\[\u0080-\uffff]|[\u2028\u2029]/;

/** Rewrites a bundled JavaScript file with every non-ASCII character escaped; untouched if there is none. */
export function keepSourceAscii(path) {
  const source = readFileSync(path, 'utf8');
  const unsafe = UNSAFE.exec(source);
  if (unsafe) {
    throw new Error(
      `${path}: cannot escape the non-ASCII character at offset ${unsafe.index} without changing what it means`,
    );
  }
  const escaped = source.replace(
    /[\u0080-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped !== source) writeFileSync(path, escaped);
}
