import { userMention } from 'discord.js';
import type { AppContext } from '../context.js';
import { UserError } from '../discord/user-error.js';
import { findMemberPreferences } from '../settings/settings-queries.js';

/** Profiles are public inside the guild unless the member turned `public-profile` off; they always see their own. */
export async function assertProfileVisible(
  ctx: AppContext,
  guildId: string,
  viewerId: string,
  memberId: string,
): Promise<void> {
  if (memberId === viewerId) return;
  const preferences = await findMemberPreferences(ctx.db, guildId, memberId);
  if (!preferences.publicProfile) {
    throw new UserError(`${userMention(memberId)} keeps their profile private, so only they can see it.`);
  }
}
