import { PermissionFlagsBits } from 'discord.js';
import type { ButtonPrecondition } from '../../src/discord/command.js';
import { assertComponentOwner, type CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import { type Confirmation, isConfirmationExpired } from '../components/confirmation.js';

export interface ManageServerConfirmation {
  /** Names the preconditions: `<name>Owner` and `<name>StillAllowed`. */
  name: string;
  /** The slash command the prompt came from, as members type it (`/roadmap delete`). */
  command: string;
  /** Reads the prompt a button carries, refusing a malformed id. */
  read(id: CustomId): Pick<Confirmation, 'ownerId' | 'issuedAt'>;
  /** The refusal of a press after the prompt expired, saying that nothing happened. */
  expired: string;
}

/**
 * The checks on a Manage Server prompt's buttons: only the admin shown it may press them, and
 * the decision is made at the press, so a forgotten prompt expires and an admin who lost Manage
 * Server since it was shown cannot finish.
 */
export function manageServerConfirmation(prompt: ManageServerConfirmation): {
  owner: ButtonPrecondition;
  stillAllowed: ButtonPrecondition;
} {
  return {
    owner: {
      name: `${prompt.name}Owner`,
      async check(interaction, _ctx, id) {
        assertComponentOwner(interaction.user.id, prompt.read(id).ownerId);
      },
    },
    stillAllowed: {
      name: `${prompt.name}StillAllowed`,
      async check(interaction, ctx, id) {
        if (isConfirmationExpired(prompt.read(id), ctx.clock.now())) {
          throw new UserError(prompt.expired);
        }
        if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
          throw new UserError(`${prompt.command} needs the Manage Server permission.`);
        }
      },
    },
  };
}
