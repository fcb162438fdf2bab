import type { PermissionsBitField } from 'discord.js';
import { type ChannelPermission, missingPermissions } from './channel-permissions.js';

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

/** The labels of the digest permissions missing from `permissions` (all of them when null). */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField> | null): string[] {
  return missingPermissions(permissions, DIGEST_CHANNEL_PERMISSIONS);
}
