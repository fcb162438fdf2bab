import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/connection.js';
import { takeIdentifyTurn } from '../db/identify-buckets.js';
import type { Logger } from '../logger.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { processName } from '../shared/process-name.js';

/**
 * Discord lets one IDENTIFY per `shard_id % max_concurrency` bucket through every 5 seconds;
 * the extra half second covers the time between taking a turn and Discord receiving the IDENTIFY,
 * and clocks of machines a little apart.
 */
export const IDENTIFY_INTERVAL_MS = 5_500;

/** What discord.js's `ws.buildIdentifyThrottler` returns (@discordjs/ws's IIdentifyThrottler). */
export interface IdentifyThrottler {
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void>;
}

export interface DatabaseThrottleOptions {
  maxConcurrency: number;
  logger: Logger;
  /** Wall time, shared by the machines of a fleet: never a test's moved clock. */
  clock?: Clock;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * An identify throttle the whole fleet shares through the database, where discord.js's own
 * counts only this process's shards: processes of one machine, or of many, starting together
 * would otherwise IDENTIFY in the same bucket at once, and Discord answers all but one with
 * INVALID_SESSION.
 */
export function databaseIdentifyThrottler(db: Db, options: DatabaseThrottleOptions): IdentifyThrottler {
  const clock = options.clock ?? systemClock;
  const wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }));
  const by = processName();
  return {
    async waitForIdentify(shardId, signal) {
      const bucket = shardId % options.maxConcurrency;
      for (;;) {
        signal.throwIfAborted();
        let ms: number;
        try {
          ms = await takeIdentifyTurn(db, { bucket, by, now: clock.now(), intervalMs: IDENTIFY_INTERVAL_MS });
        } catch (error) {
          // Identifying anyway could cost the session: wait and ask again.
          options.logger.warn({ err: error, shardId }, 'identify throttle: the database did not answer');
          ms = IDENTIFY_INTERVAL_MS;
        }
        if (ms === 0) return;
        await wait(ms, signal);
      }
    },
  };
}
