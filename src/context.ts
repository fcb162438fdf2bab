import type { Client } from 'discord.js';
import type { Config } from './config.js';
import type { DatabaseHandle, Db } from './db/connection.js';
import type { Logger } from './logger.js';
import type { Clock } from './shared/clock.js';
import type { ShardOwnership } from './shared/shards.js';

/** Everything a command handler, job or domain service may use; passed explicitly, never global. */
export interface AppContext {
  config: Config;
  db: Db;
  /** Which database `db` is and where, for `/about`: never for queries, and never closed here. */
  database: Pick<DatabaseHandle, 'dialect' | 'location' | 'connections'>;
  logger: Logger;
  clock: Clock;
  client: Client;
  startedAt: Date;
  /** Recent unexpected failures, for `/about` and operators. */
  failures: FailureLog;
  /** The shards this process runs, so jobs touch only their servers; known once connected. */
  shards(): ShardOwnership;
}

export interface FailureLog {
  record(at: Date): void;
  countSince(since: Date): number;
}

/** Keeps failure instants for a day; enough to answer "how many in the last hour". */
export function createFailureLog(): FailureLog {
  const instants: number[] = [];
  const dayMs = 24 * 60 * 60 * 1000;
  return {
    record(at) {
      instants.push(at.getTime());
      while (instants.length > 0 && (instants[0] ?? 0) < at.getTime() - dayMs) instants.shift();
    },
    countSince(since) {
      return instants.filter((instant) => instant >= since.getTime()).length;
    },
  };
}
