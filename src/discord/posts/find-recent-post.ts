import { type Message, type SendableChannels, SnowflakeUtil } from 'discord.js';
import type { AppContext } from '../../context.js';

/** How many of the channel's messages are read when looking for a post that may already exist. */
const RECENT_HISTORY = 50;

/**
 * The bot's own message in `channel` that `matches`, among the latest 50 or, with `since`, the
 * first 50 from then on. Used before posting again whatever may have reached Discord already
 * (a crash between posting and recording, an answer lost after Discord carried the post out)
 * once Discord's nonce window may have passed. Undefined when the history cannot be read: the
 * caller posts, which is the lesser harm.
 */
export async function findRecentPost(
  ctx: AppContext,
  channel: SendableChannels,
  matches: (message: Message) => boolean,
  since?: Date,
): Promise<Message | undefined> {
  const query = since
    ? { after: SnowflakeUtil.generate({ timestamp: since.getTime() - 1_000 }).toString() }
    : {};
  const recent = await channel.messages
    .fetch({ limit: RECENT_HISTORY, cache: false, ...query })
    .catch((error: unknown) => {
      ctx.logger.warn({ err: error, channelId: channel.id }, 'could not read a channel to look for a post');
      return undefined;
    });
  return recent?.find((message) => message.author.id === ctx.client.user?.id && matches(message));
}
