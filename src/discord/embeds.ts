import { type APIEmbed, EmbedBuilder, type JSONEncodable } from 'discord.js';

/** One look for every embed the bot sends. */
export const WAYMARK_COLOR = 0x3b82f6;

export function waymarkEmbed(): EmbedBuilder {
  return new EmbedBuilder().setColor(WAYMARK_COLOR);
}

/**
 * An embed already in Discord's shape, for discord.js to send as it is: a plain object would go
 * through its camelCase → snake_case transform key by key (lodash's snakeCase, accents folded
 * and all), ~20 µs for /about's ten fields, where Discord's own keys need no change.
 */
export function embedAsIs(embed: APIEmbed): JSONEncodable<APIEmbed> {
  return { toJSON: () => embed };
}
