import {
  ChannelType,
  DiscordAPIError,
  type GuildTextBasedChannel,
  type PermissionsBitField,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { FeedbackRequestInput } from '../../feedback/feedback-input.js';
import type { ChannelPermission } from '../../shared/discord-permissions.js';
import { UserError } from '../../shared/user-error.js';
import { missingPermissions } from '../channel-permissions.js';
import { NO_MENTIONS } from '../mentions.js';
import { resolveMentionNames } from '../readable-mentions.js';
import { EMBED_TITLE_MAX, feedbackThreadName, renderFeedbackRequestEmbed } from '../views/feedback-view.js';

const PERMISSION_ERRORS: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

function isPermissionError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError && typeof error.code === 'number' && PERMISSION_ERRORS.has(error.code)
  );
}

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

/**
 * Posts the request and opens a public thread on it (auto-archived after a week without
 * replies). If the thread cannot be opened, the post is removed again so nothing dangles.
 */
export async function postFeedbackRequest(
  channel: GuildTextBasedChannel,
  requesterId: string,
  input: FeedbackRequestInput,
): Promise<{ messageId: string; threadId: string }> {
  // Permissions changed since the check (or Discord disagrees): name everything it takes.
  const refusal = new UserError(
    `I need ${missingPermissions(null, FEEDBACK_CHANNEL_PERMISSIONS).join(', ')} here to open a feedback thread. Ask an admin, or try another channel.`,
  );
  const names = await resolveMentionNames(channel.guild, input.topic, EMBED_TITLE_MAX);
  const message = await channel
    .send({ embeds: [renderFeedbackRequestEmbed(requesterId, input, names)], allowedMentions: NO_MENTIONS })
    .catch((error: unknown) => {
      throw isPermissionError(error) ? refusal : error;
    });
  try {
    const thread = await message.startThread({
      name: feedbackThreadName(input.topic, names),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek,
    });
    return { messageId: message.id, threadId: thread.id };
  } catch (error) {
    await message.delete().catch(() => undefined);
    throw isPermissionError(error) ? refusal : error;
  }
}
