import type { Db } from '../db/connection.js';
import type { ShardHeartbeat } from '../db/schema.js';

export interface ShardBeat {
  shardId: number;
  pingMs: number;
  servers: number;
}

/** Writes this process's shards' heartbeats; a shard taken over by another process moves with it. */
export async function writeHeartbeats(
  db: Db,
  beat: { processId: string; shardCount: number; startedAt: Date; now: Date; shards: readonly ShardBeat[] },
): Promise<void> {
  for (const shard of beat.shards) {
    const row = {
      shard_count: beat.shardCount,
      process_id: beat.processId,
      ping_ms: Math.round(shard.pingMs),
      servers: shard.servers,
      process_started_at: beat.startedAt.toISOString(),
      beat_at: beat.now.toISOString(),
    };
    await db
      .insertInto('shard_heartbeats')
      .values({ shard_id: shard.shardId, ...row })
      .onConflict((conflict) => conflict.column('shard_id').doUpdateSet(row))
      .execute();
  }
}

export async function listHeartbeats(db: Db): Promise<ShardHeartbeat[]> {
  return db.selectFrom('shard_heartbeats').selectAll().orderBy('shard_id').execute();
}

/**
 * How long `/about` reuses a read of the heartbeats. They are written every 15 s and a shard is
 * down after 60 s without one, so a read a few seconds old shows the same fleet; the table is
 * read at most once per this long however often members ask.
 */
export const HEARTBEATS_REUSED_MS = 5_000;

/** Per database; the read is a promise so that asks arriving meanwhile share it. */
const recentReads = new WeakMap<Db, { at: number; rows: Promise<ShardHeartbeat[]> }>();

/** The heartbeats as read at most HEARTBEATS_REUSED_MS before `now`. */
export function listRecentHeartbeats(db: Db, now: Date): Promise<ShardHeartbeat[]> {
  const recent = recentReads.get(db);
  const age = recent ? now.getTime() - recent.at : Number.POSITIVE_INFINITY;
  if (recent && age >= 0 && age < HEARTBEATS_REUSED_MS) return recent.rows;
  const rows = listHeartbeats(db);
  recentReads.set(db, { at: now.getTime(), rows });
  // A failed read is not kept: the next ask reads again.
  rows.catch(() => {
    if (recentReads.get(db)?.rows === rows) recentReads.delete(db);
  });
  return rows;
}
