import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { PublicPost } from '../../privacy/erase-member-data.js';
import type { PostRemoval } from '../../privacy/privacy-view.js';

/**
 * Deletes the bot's own posts for an erased member, best effort: the data is already gone,
 * so a post that cannot be deleted (channel removed, access lost) is counted, not retried.
 * A post someone already deleted counts as removed. REST directly, because the channel
 * need not be in the cache (only non-privileged intents).
 */
export async function removePublicPosts(rest: REST, posts: readonly PublicPost[]): Promise<PostRemoval> {
  const outcomes = await Promise.allSettled(
    posts.map((post) => rest.delete(Routes.channelMessage(post.channelId, post.messageId))),
  );
  const failed = outcomes.filter(
    (outcome) =>
      outcome.status === 'rejected' &&
      !(
        outcome.reason instanceof DiscordAPIError && outcome.reason.code === RESTJSONErrorCodes.UnknownMessage
      ),
  ).length;
  return { removed: posts.length - failed, failed };
}
