import { PermissionFlagsBits } from 'discord.js';
import type { ButtonPrecondition } from '../../src/discord/command.js';
import { assertComponentOwner } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import {
  isRoadmapDeleteExpired,
  readRoadmapDeleteConfirmation,
} from '../components/roadmap-delete-confirmation.js';

/** Only the admin shown a roadmap's delete prompt may press its buttons. */
export const roadmapDeleteOwner: ButtonPrecondition = {
  name: 'roadmapDeleteOwner',
  async check(interaction, _ctx, id) {
    assertComponentOwner(interaction.user.id, readRoadmapDeleteConfirmation(id).ownerId);
  },
};

/**
 * Deleting is decided when Delete is pressed: a forgotten prompt expires, and an admin who lost
 * Manage Server since it was shown cannot finish.
 */
export const roadmapDeleteStillAllowed: ButtonPrecondition = {
  name: 'roadmapDeleteStillAllowed',
  async check(interaction, ctx, id) {
    if (isRoadmapDeleteExpired(readRoadmapDeleteConfirmation(id), ctx.clock.now())) {
      throw new UserError(
        'This confirmation has expired and nothing was deleted. Run /roadmap delete again.',
      );
    }
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserError('/roadmap delete needs the Manage Server permission.');
    }
  },
};
