import type { ChannelPermission } from '../shared/discord-permissions.js';

/**
 * What the bot needs in the digest channel: to post the embed with its chart, to open the
 * week's discussion thread, and to read recent history when recovering an unrecorded post.
 */
export const DIGEST_CHANNEL_PERMISSIONS: readonly ChannelPermission[] = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'AttachFiles',
  'ReadMessageHistory',
  'CreatePublicThreads',
];
