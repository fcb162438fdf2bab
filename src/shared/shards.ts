/**
 * Which servers a process handles. Discord assigns each server to shard
 * `(guild_id >> 22) % shard_count`; a process owns some of the shards, and its jobs only touch
 * the servers of those.
 */
export interface ShardOwnership {
  readonly count: number;
  /** Sorted, distinct, each in `0 … count − 1`. */
  readonly owned: readonly number[];
}

/** One shard, so every server: a process that is not sharded, and what queries assume by default. */
export const EVERY_SERVER: ShardOwnership = { count: 1, owned: [0] };

export function ownsEveryShard(shards: ShardOwnership): boolean {
  return shards.owned.length === shards.count;
}

/** In BigInt: snowflakes exceed 2^53, where a JavaScript number would round the low bits away. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export class ShardListError extends Error {
  override name = 'ShardListError';
}

/**
 * `0-7`, `0,2,4`, `0-3,8` … into sorted shard ids below `count`; an empty list means all of them.
 * Throws a ShardListError of one line saying what is wrong.
 */
export function parseShardList(text: string, count: number): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return Array.from({ length: count }, (_, id) => id);
  const ids = new Set<number>();
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw new ShardListError(`"${part.trim()}" is not a shard id or a range such as 0-7`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new ShardListError(`the range ${first}-${last} runs backwards`);
    if (last >= count)
      throw new ShardListError(
        `shard ${last} does not exist: with ${count} shards the ids are 0-${count - 1}`,
      );
    for (let id = first; id <= last; id += 1) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** `[0,1,2,3,6]` → `0-3,6`: how logs and `/about` name a set of shards. */
export function formatShardList(ids: readonly number[]): string {
  const ranges: [number, number][] = [];
  for (const id of ids) {
    const last = ranges.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(',');
}
