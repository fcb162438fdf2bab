import type { ChatInputCommandInteraction, User } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import { assertProfileVisible, profileViewerOf } from '../../src/core/profile-visibility.js';
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

/**
 * The `member` option of a command that shows that member's data, checked: never a bot, and
 * refused when the member's profile is hidden from the caller. `null` when it was left out.
 * With `inChannel`, the result is posted for everyone, so a moderator's exception does not apply.
 */
export async function readShownMember(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: { inChannel?: boolean } = {},
): Promise<User | null> {
  const member = readMemberOption(interaction);
  if (member === null) return null;
  const viewer = profileViewerOf(interaction);
  await assertProfileVisible(
    ctx.db,
    interaction.guildId,
    options.inChannel ? { ...viewer, moderates: false } : viewer,
    member.id,
  );
  return member;
}
