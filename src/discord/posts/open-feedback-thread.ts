import { ChannelType, type GuildTextBasedChannel, type PermissionsBitField } from 'discord.js';
import type { AppContext } from '../../context.js';
import { enqueuePost, findPost } from '../../core/outbox.js';
import type { FeedbackRequestInput } from '../../feedback/feedback-input.js';
import type { ChannelPermission } from '../../shared/discord-permissions.js';
import { UserError } from '../../shared/user-error.js';
import { missingPermissions } from '../channel-permissions.js';
import { resolveMentionNames } from '../readable-mentions.js';
import { EMBED_TITLE_MAX, feedbackThreadName, renderFeedbackRequestEmbed } from '../views/feedback-view.js';
import { deliverToChannel } from './outbox-delivery.js';
import type { FeedbackRequestData } from './post-kinds.js';

/** The request is an embed post with a public thread started on it; the bot never posts in the thread. */
export const FEEDBACK_CHANNEL_PERMISSIONS: readonly ChannelPermission[] = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'CreatePublicThreads',
];

/**
 * Only text and announcement channels take both a message and a thread on it, and only where
 * the bot (`permissions`: its own in this channel) may do both: checked before posting, so a
 * refusal never leaves a half-made request behind.
 */
export function assertCanHostFeedback(
  channel: GuildTextBasedChannel | null,
  permissions: Readonly<PermissionsBitField>,
): asserts channel is GuildTextBasedChannel {
  if (channel?.type !== ChannelType.GuildText && channel?.type !== ChannelType.GuildAnnouncement) {
    throw new UserError(
      'Ask for feedback in a regular text channel (not inside a thread), so I can open a thread for it.',
    );
  }
  const missing = missingPermissions(permissions, FEEDBACK_CHANNEL_PERMISSIONS);
  if (missing.length > 0) {
    throw new UserError(
      `I can’t open a feedback thread in ${channel.toString()}: Waymark is missing ${missing.join(', ')} there. Ask an admin to grant ${missing.length > 1 ? 'them' : 'it'} to Waymark in this channel, or ask in another channel.`,
    );
  }
}

export type OpenedFeedbackRequest =
  | { status: 'opened'; threadId: string }
  /** Discord did not answer; the outbox posts it once it does. */
  | { status: 'delayed' };

/**
 * Posts the request and opens a public thread on it (auto-archived after a week without
 * replies), through the outbox: the request is stored once both exist. If the thread cannot be
 * opened, the post is removed again so nothing dangles.
 */
export async function openFeedbackRequest(
  ctx: AppContext,
  channel: GuildTextBasedChannel,
  requesterId: string,
  input: FeedbackRequestInput,
): Promise<OpenedFeedbackRequest> {
  const names = await resolveMentionNames(channel.guild, input.topic, EMBED_TITLE_MAX);
  const data: FeedbackRequestData = {
    request: {
      guild_id: channel.guildId,
      requester_id: requesterId,
      topic: input.topic,
      link: input.link,
      details: input.details,
      channel_id: channel.id,
      created_at: ctx.clock.now().toISOString(),
    },
    threadName: feedbackThreadName(input.topic, names),
  };
  const post = await enqueuePost(
    ctx.db,
    {
      guildId: channel.guildId,
      kind: 'feedback_request',
      channelId: channel.id,
      ownerId: requesterId,
      payload: {
        message: { embeds: [renderFeedbackRequestEmbed(requesterId, input, names).toJSON()] },
        data: { ...data },
      },
    },
    ctx.clock.now(),
  );
  const outcome = await deliverToChannel(ctx, post);
  if (outcome === 'failed') {
    // Permissions changed since the check (or Discord disagrees): name everything it takes.
    throw new UserError(
      `I need ${missingPermissions(null, FEEDBACK_CHANNEL_PERMISSIONS).join(', ')} here to open a feedback thread. Ask an admin, or try another channel.`,
    );
  }
  const delivered = await findPost(ctx.db, post.id);
  return delivered?.message_id ? { status: 'opened', threadId: delivered.message_id } : { status: 'delayed' };
}
