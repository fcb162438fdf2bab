import type { Db } from '../db/connection.js';
import type { NudgeOutcome } from '../db/schema.js';
import { onOwnedShards } from '../db/shard-filter.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';
import type { NudgeCandidate, StoredNudge } from './nudges.js';

/**
 * Members who opted in, in guilds whose admins turned nudges on, with what decides whether a
 * nudge is due. `goal_missed` is written by Waymark, not the member, so it is not a sign of life.
 */
export async function findNudgeCandidates(
  db: Db,
  defaultTimezone: string,
  shards: ShardOwnership = EVERY_SERVER,
): Promise<NudgeCandidate[]> {
  const rows = await db
    .selectFrom('member_settings as member')
    .innerJoin('guild_settings as guild', 'guild.guild_id', 'member.guild_id')
    .leftJoin('member_nudges as nudge', (join) =>
      join.onRef('nudge.guild_id', '=', 'member.guild_id').onRef('nudge.user_id', '=', 'member.user_id'),
    )
    .select((eb) => [
      'member.guild_id',
      'member.user_id',
      'member.timezone as member_timezone',
      'member.updated_at as settings_updated_at',
      'guild.timezone as guild_timezone',
      'guild.nudge_silence_days',
      'nudge.last_nudged_at',
      'nudge.outcome',
      eb
        .selectFrom('activity_events as event')
        .select((inner) => inner.fn.max('event.occurred_at').as('at'))
        .whereRef('event.guild_id', '=', 'member.guild_id')
        .whereRef('event.user_id', '=', 'member.user_id')
        .where('event.kind', '<>', 'goal_missed')
        .as('last_activity_at'),
    ])
    .$call(onOwnedShards(shards, 'member.guild_id'))
    .where('member.nudges', '=', 1)
    .where('guild.nudges_enabled', '=', 1)
    .execute();
  return rows.map((row) => {
    const lastActivity = row.last_activity_at ? Date.parse(row.last_activity_at) : 0;
    const lastSeenAt = Math.max(lastActivity, Date.parse(row.settings_updated_at));
    return {
      guildId: row.guild_id,
      userId: row.user_id,
      silenceDays: row.nudge_silence_days,
      lastSeenAt: new Date(lastSeenAt),
      lastNudge:
        row.last_nudged_at && row.outcome ? { at: new Date(row.last_nudged_at), outcome: row.outcome } : null,
      timeZone: row.member_timezone ?? row.guild_timezone ?? defaultTimezone,
    };
  });
}

type MemberKey = { guildId: string; userId: string };

/**
 * Records the nudge before it is sent, so that a crash or a second process cannot send it
 * twice; returns false when someone else changed the record since `previous` was read.
 */
export async function claimNudge(
  db: Db,
  member: MemberKey,
  previous: StoredNudge | null,
  at: Date,
): Promise<boolean> {
  const values = { last_nudged_at: at.toISOString(), outcome: 'sent' as const };
  const result = await db
    .insertInto('member_nudges')
    .values({ guild_id: member.guildId, user_id: member.userId, ...values })
    .onConflict((conflict) =>
      conflict
        .columns(['guild_id', 'user_id'])
        .doUpdateSet(values)
        .where('member_nudges.last_nudged_at', '=', previous?.at.toISOString() ?? ''),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setNudgeOutcome(db: Db, member: MemberKey, outcome: NudgeOutcome): Promise<void> {
  await db
    .updateTable('member_nudges')
    .set({ outcome })
    .where('guild_id', '=', member.guildId)
    .where('user_id', '=', member.userId)
    .execute();
}

/** Undoes a claim after a failure worth retrying (Discord unavailable), so the next run tries again. */
export async function releaseNudge(db: Db, member: MemberKey, previous: StoredNudge | null): Promise<void> {
  if (previous) {
    await db
      .updateTable('member_nudges')
      .set({ last_nudged_at: previous.at.toISOString(), outcome: previous.outcome })
      .where('guild_id', '=', member.guildId)
      .where('user_id', '=', member.userId)
      .execute();
    return;
  }
  await db
    .deleteFrom('member_nudges')
    .where('guild_id', '=', member.guildId)
    .where('user_id', '=', member.userId)
    .execute();
}
