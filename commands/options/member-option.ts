import type { ChatInputCommandInteraction, User } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import { assertProfileVisible, profileViewerOf } from '../../src/core/profile-visibility.js';
import type { UserOptionValue } from '../../src/discord/command-options.js';
import { UserError } from '../../src/shared/user-error.js';

export const BOT_MEMBER_REFUSAL =
  'Bots don’t follow roadmaps or keep anything in Waymark. Pick a member instead.';

/**
 * The user a `member` option names. Discord's user picker offers bots as well as people, and a
 * bot has no roadmap, learnings or data here: showing one "at 0%" or erasing it would mislead.
 */
export function memberOptionUser(value: UserOptionValue): User;
export function memberOptionUser(value: UserOptionValue | null): User | null;
export function memberOptionUser(value: UserOptionValue | null) {
  const user = value?.user ?? null;
  if (user?.bot) throw new UserError(BOT_MEMBER_REFUSAL);
  return user;
}

/**
 * A member whose data a command is about to show, checked against their `public-profile`
 * setting. With `inChannel`, the result is posted for everyone, so a moderator's exception
 * does not apply. `null` when the option was left out.
 */
export async function checkShownMember(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  member: User | null,
  options: { inChannel?: boolean } = {},
): Promise<User | null> {
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
