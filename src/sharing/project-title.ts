/**
 * What makes two of a member's project titles the same: case, Unicode composition and
 * surrounding whitespace do not, so "Todo CLI" and " todo cli" are one project.
 */
export function projectTitleKey(title: string): string {
  return title.normalize('NFC').trim().toLowerCase();
}
