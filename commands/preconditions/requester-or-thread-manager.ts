import { PermissionFlagsBits } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import type { FeedbackRequest } from '../../src/db/schema.js';
import type { Precondition } from '../../src/discord/command.js';
import { renderAlreadyClosed } from '../../src/discord/views/feedback-view.js';
import { findFeedbackRequestByThread } from '../../src/feedback/feedback-queries.js';
import { UserError } from '../../src/shared/user-error.js';

/** The feedback request whose thread `channelId` is; anywhere else, a refusal that says where to go. */
export async function feedbackRequestInThread(ctx: AppContext, channelId: string): Promise<FeedbackRequest> {
  // Looked up by id: an old archived thread may no longer be in discord.js's cache.
  const found = await findFeedbackRequestByThread(ctx.db, channelId);
  if (!found) {
    throw new UserError('Run /feedback close inside the thread of the feedback request you want to close.');
  }
  return found;
}

/**
 * /feedback close: run inside an open request's thread, by the member who asked or by a moderator
 * with Manage Threads. A closed request is reported as closed to anyone, before who may close it.
 */
export const requesterOrThreadManager: Precondition = {
  name: 'requesterOrThreadManager',
  async check(interaction, ctx) {
    const found = await feedbackRequestInThread(ctx, interaction.channelId);
    if (found.status !== 'open') throw new UserError(renderAlreadyClosed(found));
    const isRequester = found.requester_id === interaction.user.id;
    if (!isRequester && !interaction.memberPermissions.has(PermissionFlagsBits.ManageThreads)) {
      throw new UserError(
        'Only the member who asked for feedback, or a moderator with Manage Threads, can close it.',
      );
    }
  },
};
