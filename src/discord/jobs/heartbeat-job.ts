import type { Client } from 'discord.js';
import { type ShardBeat, writeHeartbeats } from '../../core/fleet.js';
import type { ScheduledJob } from '../../scheduler.js';
import { processName } from '../../shared/process-name.js';

/** Each shard of this process: its gateway ping and how many servers it holds. */
export function shardBeats(client: Client, owned: readonly number[]): ShardBeat[] {
  return owned.map((shardId) => ({
    shardId,
    pingMs: client.ws.shards.get(shardId)?.ping ?? -1,
    servers: client.guilds.cache.filter((guild) => guild.shardId === shardId).size,
  }));
}

/** What `/about` shows of the fleet: every process says, every 15 s, that its shards are up. */
export const heartbeatJob: ScheduledJob = {
  name: 'heartbeat',
  cron: '*/15 * * * * *',
  runOnStart: true,
  async run(ctx) {
    await writeHeartbeats(ctx.db, {
      processId: processName(),
      shardCount: ctx.shards().count,
      startedAt: ctx.startedAt,
      now: ctx.clock.now(),
      shards: shardBeats(ctx.client, ctx.shards().owned),
    });
  },
};
