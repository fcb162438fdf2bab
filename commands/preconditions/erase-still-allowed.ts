import { PermissionFlagsBits } from 'discord.js';
import type { ButtonPrecondition } from '../../src/discord/command.js';
import { UserError } from '../../src/shared/user-error.js';
import {
  isEraseConfirmationExpired,
  isPurge,
  readEraseConfirmation,
} from '../components/erase-confirmation.js';

/**
 * Erasing is decided when Erase is pressed, not when the prompt was shown: a forgotten prompt
 * expires, and an admin whose Manage Server permission was taken away since cannot finish a purge.
 */
export const eraseStillAllowed: ButtonPrecondition = {
  name: 'eraseStillAllowed',
  async check(interaction, ctx, id) {
    const confirmation = readEraseConfirmation(id);
    if (isEraseConfirmationExpired(confirmation, ctx.clock.now())) {
      throw new UserError('This confirmation has expired and nothing was erased. Run the command again.');
    }
    if (isPurge(confirmation) && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserError('/privacy purge needs the Manage Server permission.');
    }
  },
};
