import type { PermissionFlagsBits } from 'discord-api-types/v10';

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
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

export type ChannelPermission = keyof typeof PERMISSION_LABELS;

/** Member permissions the bot checks, where Discord's settings name them differently from the API. */
const MEMBER_PERMISSION_LABELS: Readonly<Record<string, string>> = { ManageGuild: 'Manage Server' };

/** The name Discord's settings show for a permission flag ("ManageGuild" → "Manage Server"). */
export function permissionLabel(flag: string): string {
  return (
    MEMBER_PERMISSION_LABELS[flag] ??
    (PERMISSION_LABELS as Readonly<Record<string, string>>)[flag] ??
    flag.replace(/([a-z])([A-Z])/g, '$1 $2')
  );
}
