import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/**
 * What the bot needs in the digest channel: to post the embed with its chart, to open the
 * week's discussion thread, and to read recent history when recovering an unrecorded post.
 */
export const DIGEST_CHANNEL_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, label: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, label: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, label: 'Embed Links' },
  { flag: PermissionFlagsBits.AttachFiles, label: 'Attach Files' },
  { flag: PermissionFlagsBits.ReadMessageHistory, label: 'Read Message History' },
  { flag: PermissionFlagsBits.CreatePublicThreads, label: 'Create Public Threads' },
] as const;

/** The labels of the digest permissions missing from `permissions` (all of them when null). */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField> | null): string[] {
  return DIGEST_CHANNEL_PERMISSIONS.filter(({ flag }) => !permissions?.has(flag, true)).map(
    ({ label }) => label,
  );
}
