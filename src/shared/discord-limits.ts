/**
 * Discord's documented limits on what a bot sends, in one place, so every view fits the same
 * numbers (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 */
export const DISCORD_LIMITS = {
  messageContent: 2_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1_024,
  embedFooter: 2_048,
  embedAuthorName: 256,
  /** All embeds of one message together: titles, descriptions, fields, footers and authors. */
  embedsTotal: 6_000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
  customId: 100,
  attachmentDescription: 1_024,
  /** Without a boosted server: what a bot may attach to one message. */
  attachmentBytes: 10 * 1024 * 1024,
} as const;
