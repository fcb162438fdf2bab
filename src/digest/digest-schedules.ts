import type { Db } from '../db/connection.js';
import type { DigestSchedule, NewDigestSchedule } from '../db/schema.js';
import { onOwnedShards } from '../db/shard-filter.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';

/** Creates or replaces the guild's schedule; saving it again is also how a paused digest resumes. */
export async function saveDigestSchedule(
  db: Db,
  schedule: Omit<NewDigestSchedule, 'paused'>,
): Promise<DigestSchedule> {
  return db
    .insertInto('digest_schedules')
    .values({ ...schedule, paused: 0 })
    .onConflict((conflict) =>
      conflict.column('guild_id').doUpdateSet({
        channel_id: schedule.channel_id,
        day: schedule.day,
        hour: schedule.hour,
        timezone: schedule.timezone,
        paused: 0,
        updated_by: schedule.updated_by,
        updated_at: schedule.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDigestSchedule(db: Db, guildId: string): Promise<DigestSchedule | undefined> {
  return db.selectFrom('digest_schedules').selectAll().where('guild_id', '=', guildId).executeTakeFirst();
}

/** True when this call paused it (false when it was already paused). */
export async function pauseDigestSchedule(db: Db, guildId: string, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('digest_schedules')
    .set({ paused: 1, updated_by: by, updated_at: at.toISOString() })
    .where('guild_id', '=', guildId)
    .where('paused', '=', 0)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findActiveDigestSchedules(
  db: Db,
  shards: ShardOwnership = EVERY_SERVER,
): Promise<DigestSchedule[]> {
  return db
    .selectFrom('digest_schedules')
    .selectAll()
    .$call(onOwnedShards(shards))
    .where('paused', '=', 0)
    .execute();
}
