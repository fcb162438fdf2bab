import type { Client } from 'discord.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';

/**
 * The shards this process's client runs: the cluster's list, or every shard of Discord's
 * recommended count once logged in with `shards: 'auto'`. Before login, a single shard.
 */
export function ownedShards(client: Client): ShardOwnership {
  const { shards, shardCount } = client.options;
  if (!Array.isArray(shards) || typeof shardCount !== 'number') return EVERY_SERVER;
  return { count: shardCount, owned: [...shards].sort((a, b) => a - b) };
}
