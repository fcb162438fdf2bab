import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { ownsEveryShard, type ShardOwnership } from '../shared/shards.js';

/**
 * `guild_id` is on one of this process's shards, computed by the database so that a process
 * reads only its own servers' rows. Ids are text; the cast to a 64-bit integer keeps every bit
 * (SQLite and PostgreSQL both read `bigint`, `>>` and `%` the same way).
 */
export function guildOnOwnedShard(shards: ShardOwnership, column = 'guild_id'): RawBuilder<SqlBool> {
  const owned = sql.join(shards.owned.map((id) => sql.lit(id)));
  return sql<SqlBool>`((cast(${sql.ref(column)} as bigint) >> 22) % ${sql.lit(shards.count)}) in (${owned})`;
}

/** For `.$call(…)`: the query's rows narrowed to the owned shards' servers; untouched when it owns them all. */
export function onOwnedShards<QB extends { where(expression: Expression<SqlBool>): QB }>(
  shards: ShardOwnership,
  column = 'guild_id',
): (query: QB) => QB {
  return (query) => (ownsEveryShard(shards) ? query : query.where(guildOnOwnedShard(shards, column)));
}
