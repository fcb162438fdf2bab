import {
  ChannelType,
  DiscordAPIError,
  type GuildTextBasedChannel,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import { NO_MENTIONS } from '../discord/mentions.js';
import { resolveMentionNames } from '../discord/readable-mentions.js';
import { UserError } from '../discord/user-error.js';
import type { FeedbackRequestInput } from './feedback-input.js';
import { EMBED_TITLE_MAX, feedbackThreadName, renderFeedbackRequestEmbed } from './feedback-view.js';

const PERMISSION_ERRORS: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

function isPermissionError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError && typeof error.code === 'number' && PERMISSION_ERRORS.has(error.code)
  );
}

/** Only text and announcement channels take both a message and a thread on it. */
export function assertCanHostFeedback(
  channel: GuildTextBasedChannel | null,
): asserts channel is GuildTextBasedChannel {
  if (channel?.type !== ChannelType.GuildText && channel?.type !== ChannelType.GuildAnnouncement) {
    throw new UserError(
      'Ask for feedback in a regular text channel (not inside a thread), so I can open a thread for it.',
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
  const refusal = new UserError(
    'I need the View Channel, Send Messages and Create Public Threads permissions here to open a feedback thread. Ask an admin, or try another channel.',
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
