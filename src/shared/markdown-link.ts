/**
 * `[text](url)` that stays one link whatever the member wrote: brackets in the text are
 * backslash-escaped (Discord shows them as typed) and parentheses or spaces in the URL are
 * percent-encoded so they cannot end the link early.
 */
export function markdownLink(text: string, url: string): string {
  const label = text.replace(/[[\]\\]/g, (char) => `\\${char}`);
  const target = url.replace(
    /[()\s]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${label}](${target})`;
}
