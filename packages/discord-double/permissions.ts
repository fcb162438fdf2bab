import { type APIOverwrite, type APIRole, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

const P = PermissionFlagsBits;

export const ALL_PERMISSIONS: bigint = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** Roughly what Discord gives @everyone in a new server. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.ReadMessageHistory |
  P.UseApplicationCommands |
  P.ChangeNickname |
  P.CreateInstantInvite;

/** The seeded "admin" role: what community admins in the product brief hold. */
export const DEFAULT_ADMIN_PERMISSIONS: bigint =
  DEFAULT_EVERYONE_PERMISSIONS | P.ManageGuild | P.ManageMessages | P.ManageThreads;

/** What an invite link for a bot like ours would grant its managed role (no Administrator on purpose). */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.ManageThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis;

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

/** Discord's documented algorithm, step 1: guild-level permissions. */
export function basePermissions(
  subject: PermissionSubject,
  guild: { id: string; ownerId: string; roles: ReadonlyMap<string, APIRole> },
): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  // The @everyone role shares the guild's id.
  let permissions = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of subject.roleIds) {
    permissions |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  }
  return permissions & P.Administrator ? ALL_PERMISSIONS : permissions;
}

/**
 * Step 2: apply a channel's overwrites in Discord's order (@everyone, then all roles together, then the
 * member). Threads have no overwrites of their own: callers pass the parent channel's.
 */
export function applyOverwrites(
  base: bigint,
  subject: PermissionSubject,
  guildId: string,
  overwrites: readonly APIOverwrite[],
): bigint {
  if (base & P.Administrator) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guildId && subject.roleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  permissions = (permissions & ~deny) | allow;
  const member = overwrites.find((o) => o.type === OverwriteType.Member && o.id === subject.userId);
  if (member) permissions = (permissions & ~BigInt(member.deny)) | BigInt(member.allow);
  return permissions;
}

export function has(permissions: bigint, ...flags: bigint[]): boolean {
  return flags.every((flag) => (permissions & flag) === flag);
}
