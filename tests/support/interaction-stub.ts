import { type ChatInputCommandInteraction, type PermissionResolvable, PermissionsBitField } from 'discord.js';

/**
 * Only what preconditions read of an interaction — who pressed or typed, where, and their
 * permissions — for unit tests that need no Discord double. End-to-end tests use the real thing.
 */
export function interactionStub<Interaction = ChatInputCommandInteraction<'cached'>>(stub: {
  userId?: string;
  guildId?: string;
  channelId?: string;
  permissions?: PermissionResolvable;
}): Interaction {
  return {
    ...(stub.userId === undefined ? {} : { user: { id: stub.userId } }),
    ...(stub.guildId === undefined ? {} : { guildId: stub.guildId }),
    ...(stub.channelId === undefined ? {} : { channelId: stub.channelId }),
    memberPermissions: new PermissionsBitField(stub.permissions ?? []),
  } as unknown as Interaction;
}
