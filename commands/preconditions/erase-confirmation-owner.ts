import type { ButtonPrecondition } from '../../src/discord/command.js';
import { assertComponentOwner } from '../../src/discord/custom-id.js';
import { readEraseConfirmation } from '../components/erase-confirmation.js';

/** Only the member shown an erase prompt may press its buttons; a forged click is refused. */
export const eraseConfirmationOwner: ButtonPrecondition = {
  name: 'eraseConfirmationOwner',
  async check(interaction, _ctx, id) {
    assertComponentOwner(interaction.user.id, readEraseConfirmation(id).ownerId);
  },
};
