import { assertProfileVisible, profileViewerOf } from '../../src/core/profile-visibility.js';
import type { Precondition } from '../../src/discord/command.js';
import type { UserOptionValue } from '../../src/discord/command-options.js';
import { UserError } from '../../src/shared/user-error.js';
import { BOT_MEMBER_REFUSAL } from '../options/member-option.js';

/**
 * The `member` option of a command that shows that member's data: never a bot, and refused when
 * the member's profile is hidden from the caller. With `share`, the reply is posted for everyone,
 * so a moderator's exception does not apply.
 */
export const visibleMember: Precondition<{
  readonly member: UserOptionValue | null;
  readonly share?: boolean | null;
}> = {
  name: 'visibleMember',
  async check(interaction, ctx, { member, share }) {
    if (member === null) return;
    if (member.user.bot) throw new UserError(BOT_MEMBER_REFUSAL);
    const viewer = profileViewerOf(interaction);
    await assertProfileVisible(
      ctx.db,
      interaction.guildId,
      share ? { ...viewer, moderates: false } : viewer,
      member.user.id,
    );
  },
};
