import type { ChatInputCommandInteraction, User } from 'discord.js';
import type { UserOptionValue } from '../../src/discord/command-options.js';
import { UserError } from '../../src/shared/user-error.js';

export const BOT_MEMBER_REFUSAL =
  'Bots don’t follow roadmaps or keep anything in Waymark. Pick a member instead.';

/**
 * A command's `member` option. Discord's user picker offers bots as well as people, and a bot
 * has no roadmap, learnings or data here: showing one "at 0%" or erasing it would mislead.
 */
export function readMemberOption(interaction: ChatInputCommandInteraction<'cached'>): User | null {
  return refuseBot(interaction.options.getUser('member'));
}

/** The user a typed `member` option names, refused when it is a bot (see `readMemberOption`). */
export function memberOptionUser(value: UserOptionValue): User;
export function memberOptionUser(value: UserOptionValue | null): User | null;
export function memberOptionUser(value: UserOptionValue | null) {
  return refuseBot(value?.user ?? null);
}

function refuseBot(user: User | null): User | null {
  if (user?.bot) throw new UserError(BOT_MEMBER_REFUSAL);
  return user;
}
