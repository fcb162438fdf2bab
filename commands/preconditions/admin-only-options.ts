import { PermissionFlagsBits } from 'discord.js';
import type { Precondition } from '../../src/discord/command.js';
import { UserError } from '../../src/shared/user-error.js';

/**
 * The server-wide options of a personal command. The router checks permissions per subcommand,
 * so a command that mixes a member's own options with admin ones refuses those here, before
 * anything changes, the member's own part included.
 */
export function adminOnlyOptions<const Name extends string>(
  names: readonly Name[],
): Precondition<Readonly<Record<Name, unknown>>> {
  return {
    name: 'adminOnlyOptions',
    async check(interaction, _ctx, options) {
      const given = names.some((name) => options[name] !== null);
      if (given && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
        // Formatted here, not when the command is defined: ICU's first list format costs tens of
        // milliseconds, which every start would pay before connecting for a rare refusal.
        const listed = new Intl.ListFormat('en', { type: 'conjunction' }).format(names);
        throw new UserError(
          `${listed} ${names.length === 1 ? 'needs' : 'need'} the Manage Server permission.`,
        );
      }
    },
  };
}
