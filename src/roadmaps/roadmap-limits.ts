/**
 * What an imported roadmap may hold. Its own module, not parse-roadmap's: the import checks the
 * size before parsing, and importing the parser would load marked in the bot, where only the
 * parse worker lexes markdown.
 */
export const ROADMAP_LIMITS = {
  maxBytes: 1_048_576,
  maxItems: 2_000,
  maxPhases: 200,
} as const;
