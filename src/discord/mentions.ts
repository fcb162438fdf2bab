import type { MessageMentionOptions } from 'discord.js';

/**
 * The bot never pings anyone: member-written text may contain `@everyone`, role or user
 * mentions, and Discord only resolves the ones `allowed_mentions` permits. Set on the client
 * as the default and on every payload built for a webhook or REST call.
 */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };
