import {
  CannotSendMessagesToThisUserErrorCodes,
  ChannelType,
  DiscordAPIError,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
  userMention,
} from 'discord.js';
import type { AppContext } from '../../context.js';
import type { OutboxPayload } from '../../core/outbox.js';
import type { NewFeedbackRequest } from '../../db/schema.js';
import { createFeedbackRequest } from '../../feedback/feedback-queries.js';
import { setNudgeOutcome } from '../../nudges/nudges-queries.js';
import { setLearningMessage } from '../../sharing/learnings-queries.js';
import type { PostKinds } from './outbox-delivery.js';

/** What a feedback request's row carries: the request, stored once its post and thread exist. */
export interface FeedbackRequestData {
  request: Omit<NewFeedbackRequest, 'message_id' | 'thread_id'>;
  threadName: string;
}

const PERMISSION_ERRORS: ReadonlySet<unknown> = new Set([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);
/** Closed DMs (50007), or no server left in common (50278). */
const DM_REFUSED_CODES: ReadonlySet<unknown> = new Set(CannotSendMessagesToThisUserErrorCodes);

export function isPermissionError(error: unknown): boolean {
  return error instanceof DiscordAPIError && PERMISSION_ERRORS.has(error.code);
}

/**
 * The thread peers answer in, started on the request's post (so it shares the post's id). A
 * thread already started on it — by an attempt whose answer was lost — is the one.
 */
async function openFeedbackThread(ctx: AppContext, channelId: string, messageId: string, name: string) {
  const channel = await ctx.client.channels.fetch(channelId);
  if (channel?.type !== ChannelType.GuildText && channel?.type !== ChannelType.GuildAnnouncement) {
    throw new Error(`channel ${channelId} cannot hold a feedback thread`);
  }
  try {
    await channel.threads.create({
      startMessage: messageId,
      name,
      autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek,
    });
  } catch (error) {
    if (
      error instanceof DiscordAPIError &&
      error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage
    ) {
      return;
    }
    // A request nobody can answer is no request: the post goes, and the member is told.
    if (isPermissionError(error)) await channel.messages.delete(messageId).catch(() => undefined);
    throw error;
  }
}

function feedbackData(payload: OutboxPayload): FeedbackRequestData {
  return payload.data as unknown as FeedbackRequestData;
}

/** Every kind of post the outbox delivers. */
export const POST_KINDS: PostKinds = {
  learning: {
    // Posted by the outbox, it no longer shows as the member's use of /learned: say whose it is.
    channelMessage: (row, { message }) => ({
      ...message,
      content: `Shared by ${userMention(row.owner_id)} with /learned.`,
    }),
    async record(trx, _ctx, row, _payload, messageId) {
      if (row.subject_id !== null) await setLearningMessage(trx, row.subject_id, messageId);
    },
  },
  feedback_request: {
    channelMessage: (_row, { message }) => message,
    async complete(ctx, row, payload, messageId) {
      const { threadName } = feedbackData(payload);
      await openFeedbackThread(ctx, row.channel_id ?? '', messageId, threadName);
    },
    async record(trx, ctx, _row, payload, messageId) {
      const { request } = feedbackData(payload);
      await createFeedbackRequest(
        trx,
        { ...request, message_id: messageId, thread_id: messageId },
        ctx.config.defaultTimezone,
      );
    },
    refused: async (_ctx, _row, error) => isPermissionError(error),
  },
  phase_completed: { channelMessage: (_row, { message }) => message },
  closing_note: {
    channelMessage: (_row, { message }) => message,
    // The request is resolved whatever happens next; a thread left open only needs a moderator's click.
    async complete(ctx, row) {
      const threadId = row.channel_id ?? '';
      try {
        const thread = await ctx.client.channels.fetch(threadId);
        if (thread?.isThread()) await thread.setArchived(true, 'Feedback request resolved');
      } catch (error) {
        ctx.logger.warn({ err: error, threadId }, 'could not archive a feedback thread');
      }
    },
  },
  nudge: {
    channelMessage: (_row, { message }) => message,
    async refused(ctx, row, error) {
      if (!(error instanceof DiscordAPIError && DM_REFUSED_CODES.has(error.code))) return false;
      // Closed DMs are the member's choice: remember it and stay quiet until they are active again.
      await setNudgeOutcome(ctx.db, { guildId: row.guild_id, userId: row.owner_id }, 'dms_closed');
      return true;
    },
  },
};
