import {
  type GatewayChannelDeleteDispatchData,
  GatewayDispatchEvents,
  type GatewayMessageCreateDispatchData,
  type GatewayThreadDeleteDispatchData,
  type GatewayThreadUpdateDispatchData,
  MessageType,
} from 'discord.js';
import type { AppContext } from '../../context.js';
import {
  abandonFeedbackRequestByThread,
  abandonFeedbackRequestsInChannel,
  markFeedbackThreadArchived,
} from '../../feedback/feedback-queries.js';
import { recordThreadMessage } from '../../feedback/thread-activity.js';

const MEMBER_MESSAGE_TYPES: ReadonlySet<MessageType> = new Set([MessageType.Default, MessageType.Reply]);

/** A message a member wrote themselves (not a bot, webhook or system notice) in a guild. */
export function isMemberMessage(
  data: GatewayMessageCreateDispatchData,
): data is GatewayMessageCreateDispatchData & {
  guild_id: string;
} {
  return (
    data.guild_id !== undefined &&
    !data.author.bot &&
    data.webhook_id === undefined &&
    MEMBER_MESSAGE_TYPES.has(data.type)
  );
}

/**
 * Listens to raw gateway dispatches rather than discord.js's thread events: those are only
 * emitted for threads in the cache, and archived threads are swept from it after a day, so a
 * request whose thread was deleted a week later would otherwise stay open forever.
 */
export function registerAccountabilityGatewayHandlers(ctx: AppContext): void {
  const { client, db, logger } = ctx;
  const handle = (event: string, work: () => Promise<unknown>) => {
    work().catch((error: unknown) => logger.error({ err: error, event }, 'gateway event handling failed'));
  };

  client.ws.on(GatewayDispatchEvents.MessageCreate, (data: GatewayMessageCreateDispatchData) => {
    if (!isMemberMessage(data)) return;
    // Channels and active threads are cached (Guilds intent): skip the lookup for ordinary channels.
    const cached = client.channels.cache.get(data.channel_id);
    if (cached && !cached.isThread()) return;
    handle(GatewayDispatchEvents.MessageCreate, () =>
      recordThreadMessage(
        db,
        { guildId: data.guild_id, threadId: data.channel_id, authorId: data.author.id, at: ctx.clock.now() },
        ctx.config.defaultTimezone,
      ),
    );
  });

  client.ws.on(GatewayDispatchEvents.ThreadUpdate, (data: GatewayThreadUpdateDispatchData) => {
    const metadata = data.thread_metadata;
    if (!metadata) return;
    // Archived and locked, nobody but moderators can reply any more: the request is over.
    handle(GatewayDispatchEvents.ThreadUpdate, () =>
      metadata.archived && metadata.locked
        ? abandonFeedbackRequestByThread(db, data.id)
        : markFeedbackThreadArchived(db, data.id, metadata.archived),
    );
  });

  client.ws.on(GatewayDispatchEvents.ThreadDelete, (data: GatewayThreadDeleteDispatchData) => {
    handle(GatewayDispatchEvents.ThreadDelete, () => abandonFeedbackRequestByThread(db, data.id));
  });

  client.ws.on(GatewayDispatchEvents.ChannelDelete, (data: GatewayChannelDeleteDispatchData) => {
    handle(GatewayDispatchEvents.ChannelDelete, () => abandonFeedbackRequestsInChannel(db, data.id));
  });
}
