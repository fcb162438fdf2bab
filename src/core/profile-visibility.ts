import { userMention } from '@discordjs/formatters';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Db } from '../db/connection.js';
import { UserError } from '../shared/user-error.js';
import { findMemberPreferences, findPrivateProfileIds } from './settings-queries.js';

/** Who is looking at a member's progress, learnings, projects, goals or journey. */
export interface ProfileViewer {
  userId: string;
  /** Manage Server: moderators keep seeing private profiles, to look after the community. */
  moderates: boolean;
}

export function profileViewerOf(interaction: {
  user: { id: string };
  memberPermissions: { has(permission: bigint): boolean };
}): ProfileViewer {
  return {
    userId: interaction.user.id,
    moderates: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
  };
}

function seesEvenIfPrivate(viewer: ProfileViewer, memberId: string): boolean {
  return viewer.userId === memberId || viewer.moderates;
}

/** Profiles are public inside the guild unless the member turned `public-profile` off. */
export async function canSeeProfile(
  db: Db,
  guildId: string,
  viewer: ProfileViewer,
  memberId: string,
): Promise<boolean> {
  if (seesEvenIfPrivate(viewer, memberId)) return true;
  return (await findMemberPreferences(db, guildId, memberId)).publicProfile;
}

/**
 * The one privacy check of every command that shows another member's data. The refusal names
 * no data, so it tells a peer nothing they could not see before.
 */
export async function assertProfileVisible(
  db: Db,
  guildId: string,
  viewer: ProfileViewer,
  memberId: string,
): Promise<void> {
  if (!(await canSeeProfile(db, guildId, viewer, memberId))) {
    throw new UserError(
      `${userMention(memberId)} keeps their profile private, so only they and the server’s moderators can see it.`,
    );
  }
}

/** The members whose data a list offered to this viewer (e.g. autocomplete) must leave out. */
export async function findProfilesHiddenFrom(
  db: Db,
  guildId: string,
  viewer: ProfileViewer,
): Promise<string[]> {
  if (viewer.moderates) return [];
  const privateIds = await findPrivateProfileIds(db, guildId);
  return privateIds.filter((memberId) => !seesEvenIfPrivate(viewer, memberId));
}
