import type { ChatInputCommandInteraction, User } from 'discord.js';
import { UserError } from '../../src/shared/user-error.js';

export const BOT_MEMBER_REFUSAL =
  'Bots don’t follow roadmaps or keep anything in Waymark. Pick a member instead.';

/**
 * A command's `member` option. Discord's user picker offers bots as well as people, and a bot
 * has no roadmap, learnings or data here: showing one "at 0%" or erasing it would mislead.
 */
export function readMemberOption(interaction: ChatInputCommandInteraction<'cached'>, required: true): User;
export function readMemberOption(interaction: ChatInputCommandInteraction<'cached'>): User | null;
export function readMemberOption(interaction: ChatInputCommandInteraction<'cached'>, required = false) {
  const user = interaction.options.getUser('member', required);
  if (user?.bot) throw new UserError(BOT_MEMBER_REFUSAL);
  return user;
}
