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
