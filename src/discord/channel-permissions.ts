import { PermissionsBitField, type PermissionsString } from 'discord.js';

/**
 * Every channel permission Waymark uses anywhere, with the name Discord's settings show for
 * it. Features list the ones they need; the invite asks for exactly these.
 */
export const PERMISSION_LABELS = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  EmbedLinks: 'Embed Links',
  AttachFiles: 'Attach Files',
  ReadMessageHistory: 'Read Message History',
  CreatePublicThreads: 'Create Public Threads',
} as const satisfies Partial<Record<PermissionsString, string>>;

export type ChannelPermission = keyof typeof PERMISSION_LABELS;

/** The invite link's `permissions=` value: nothing more than the features use. */
export const INVITE_PERMISSIONS = new PermissionsBitField(
  Object.keys(PERMISSION_LABELS) as ChannelPermission[],
).freeze();

/**
 * The labels of the `required` permissions missing from `permissions` (all of them when
 * null, e.g. the bot is not in the channel). Administrator counts as every permission.
 */
export function missingPermissions(
  permissions: Readonly<PermissionsBitField> | null,
  required: readonly ChannelPermission[],
): string[] {
  return required
    .filter((permission) => !permissions?.has(permission, true))
    .map((p) => PERMISSION_LABELS[p]);
}
