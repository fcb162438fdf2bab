import { EmbedBuilder } from 'discord.js';

/** One look for every embed the bot sends. */
export const WAYMARK_COLOR = 0x3b82f6;

export function waymarkEmbed(): EmbedBuilder {
  return new EmbedBuilder().setColor(WAYMARK_COLOR);
}
