import type { PermissionResolvable } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import type { Precondition } from '../../src/discord/command.js';
import { UserError } from '../../src/shared/user-error.js';

/** `Owner` is `string | null` where a thing can outlive its owner (their data erased, it stays). */
export interface Ownership<Options, Owner extends string | null = string> {
  /** Who owns what the options name; refuses with a `UserError` when it does not exist. */
  ownerOf(ctx: AppContext, guildId: string, options: Options): Promise<Owner>;
  /** The permission that lets a moderator act on anyone's; without one, only the owner may. */
  moderator?: PermissionResolvable;
  refusal(ownerId: Owner): string;
}

/** Only the member who owns a shared thing (or a moderator, where there are any) may change it. */
export function ownerOrModerator<Options, Owner extends string | null = string>(
  ownership: Ownership<Options, Owner>,
): Precondition<Options> {
  return {
    name: 'ownerOrModerator',
    async check(interaction, ctx, options) {
      const ownerId = await ownership.ownerOf(ctx, interaction.guildId, options);
      if (ownerId === interaction.user.id) return;
      if (ownership.moderator !== undefined && interaction.memberPermissions.has(ownership.moderator)) return;
      throw new UserError(ownership.refusal(ownerId));
    },
  };
}
