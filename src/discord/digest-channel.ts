import type { PermissionsBitField } from 'discord.js';
import { DIGEST_CHANNEL_PERMISSIONS } from '../digest/digest-channel-permissions.js';
import { missingPermissions } from './channel-permissions.js';

/** The labels of the digest permissions missing from `permissions` (all of them when null). */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField> | null): string[] {
  return missingPermissions(permissions, DIGEST_CHANNEL_PERMISSIONS);
}
