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

/**
 * As many whole lines as fit in `budget` characters, then — when any were left out, or
 * `hiddenBeyond` more exist that were never listed — one overflow line counting them all.
 */
export function fitLines(
  lines: readonly string[],
  budget: number,
  overflow: (hidden: number) => string,
  hiddenBeyond = 0,
): string {
  const render = (kept: number): string => {
    const hidden = lines.length - kept + hiddenBeyond;
    return [...lines.slice(0, kept), ...(hidden > 0 ? [overflow(hidden)] : [])].join('\n');
  };
  let kept = 0;
  let used = 0;
  for (const line of lines) {
    used += (kept > 0 ? 1 : 0) + line.length;
    if (used > budget) break;
    kept += 1;
  }
  while (kept > 0 && render(kept).length > budget) kept -= 1;
  return render(kept);
}
