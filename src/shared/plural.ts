/**
 * The noun for `count` of something: `one` for exactly one, else `many` (by default `one` with an
 * `s`; give it for "reply" → "replies" or "member was" → "members were").
 */
export function pluralWord(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

let grouping: Intl.NumberFormat | undefined;

/** A count with its noun: "1 item", "0 items", "2,000 items". */
export function pluralize(count: number, one: string, many = `${one}s`): string {
  // `toLocaleString` builds a formatter on every call (~10 µs; every /check reply shows counts);
  // this one is built on first use, not at start.
  grouping ??= new Intl.NumberFormat('en-US');
  return `${grouping.format(count)} ${pluralWord(count, one, many)}`;
}
