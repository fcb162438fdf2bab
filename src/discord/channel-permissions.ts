import { PermissionsBitField } from 'discord.js';
import { type ChannelPermission, PERMISSION_LABELS } from '../shared/discord-permissions.js';

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
