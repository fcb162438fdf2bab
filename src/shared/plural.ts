/**
 * The noun for `count` of something: `one` for exactly one, else `many` (by default `one` with an
 * `s`; give it for "reply" → "replies" or "member was" → "members were").
 */
export function pluralWord(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** A count with its noun: "1 item", "0 items", "2,000 items". */
export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${pluralWord(count, one, many)}`;
}
