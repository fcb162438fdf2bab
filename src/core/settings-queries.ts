import type { Db } from '../db/connection.js';
import type { Flag } from '../db/schema.js';

/** The guild's chosen time zone, or the configured default when it has not chosen one. */
export async function findGuildTimezone(db: Db, guildId: string, defaultTimezone: string): Promise<string> {
  const row = await db
    .selectFrom('guild_settings')
    .select('timezone')
    .where('guild_id', '=', guildId)
    .executeTakeFirst();
  return row?.timezone ?? defaultTimezone;
}

export interface MemberPreferences {
  timezone: string | null;
  nudges: boolean;
  publicProfile: boolean;
}

/** Defaults for a member who never ran /settings: no nudges, public profile. */
export async function findMemberPreferences(
  db: Db,
  guildId: string,
  userId: string,
): Promise<MemberPreferences> {
  const row = await db
    .selectFrom('member_settings')
    .select(['timezone', 'nudges', 'public_profile'])
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    timezone: row?.timezone ?? null,
    nudges: row?.nudges === 1,
    publicProfile: row ? row.public_profile === 1 : true,
  };
}

/** Members of the guild who turned `public-profile` off. */
export async function findPrivateProfileIds(db: Db, guildId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member_settings')
    .select('user_id')
    .where('guild_id', '=', guildId)
    .where('public_profile', '=', 0)
    .execute();
  return rows.map((row) => row.user_id);
}

const flag = (value: boolean): Flag => (value ? 1 : 0);

/** Changes only the preferences given; the others keep their stored (or default) values. */
export async function saveMemberPreferences(
  db: Db,
  member: { guildId: string; userId: string },
  changes: Partial<MemberPreferences>,
  now: Date,
): Promise<void> {
  const values = {
    ...(changes.timezone !== undefined && { timezone: changes.timezone }),
    ...(changes.nudges !== undefined && { nudges: flag(changes.nudges) }),
    ...(changes.publicProfile !== undefined && { public_profile: flag(changes.publicProfile) }),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('member_settings')
    .values({ guild_id: member.guildId, user_id: member.userId, ...values })
    .onConflict((conflict) => conflict.columns(['guild_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export interface GuildNudgeSettings {
  enabled: boolean;
  silenceDays: number;
}

export const DEFAULT_NUDGE_SILENCE_DAYS = 7;

export async function findGuildNudgeSettings(db: Db, guildId: string): Promise<GuildNudgeSettings> {
  const row = await db
    .selectFrom('guild_settings')
    .select(['nudges_enabled', 'nudge_silence_days'])
    .where('guild_id', '=', guildId)
    .executeTakeFirst();
  return {
    enabled: row?.nudges_enabled === 1,
    silenceDays: row?.nudge_silence_days ?? DEFAULT_NUDGE_SILENCE_DAYS,
  };
}

export async function saveGuildNudgeSettings(
  db: Db,
  guildId: string,
  changes: Partial<GuildNudgeSettings>,
  now: Date,
): Promise<void> {
  const values = {
    ...(changes.enabled !== undefined && { nudges_enabled: flag(changes.enabled) }),
    ...(changes.silenceDays !== undefined && { nudge_silence_days: changes.silenceDays }),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('guild_settings')
    .values({ guild_id: guildId, ...values })
    .onConflict((conflict) => conflict.column('guild_id').doUpdateSet(values))
    .execute();
}
