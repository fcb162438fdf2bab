const ELLIPSIS = '…';

/** The first `end` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
export function sliceCodeUnits(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  const splitsPair = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending with `…` when something was cut.
 * Code units are what Discord's length limits count, and the cut never lands inside a surrogate
 * pair, so an emoji is either kept whole or dropped.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${sliceCodeUnits(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}
