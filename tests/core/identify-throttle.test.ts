import { describe, expect, it } from 'vitest';
import { takeIdentifyTurn } from '../../src/db/identify-buckets.js';
import { databaseIdentifyThrottler, IDENTIFY_INTERVAL_MS } from '../../src/discord/identify-throttle.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestDatabase } from '../support/database.js';

const T0 = new Date('2026-12-02T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('identify turns: one IDENTIFY per bucket every 5.5 s across the fleet', () => {
  const handle = useTestDatabase();
  const turn = (bucket: number, by: string, now: Date) =>
    takeIdentifyTurn(handle.db, { bucket, by, now, intervalMs: IDENTIFY_INTERVAL_MS });

  it('GIVEN a bucket’s turn just taken THEN another process waits out the rest of the interval; another bucket does not wait', async () => {
    expect(await turn(0, 'host-a/1', T0)).toBe(0);
    expect(await turn(0, 'host-b/1', at(2_000))).toBe(IDENTIFY_INTERVAL_MS - 2_000);
    expect(await turn(1, 'host-b/1', at(2_000))).toBe(0);
    expect(await turn(0, 'host-b/1', at(IDENTIFY_INTERVAL_MS))).toBe(0);
    expect(await turn(0, 'host-a/1', at(IDENTIFY_INTERVAL_MS + 1))).toBe(IDENTIFY_INTERVAL_MS - 1);
  });

  it('GIVEN many processes racing for a bucket, first and later turns THEN exactly one gets each', async () => {
    const race = (now: Date) => Promise.all(Array.from({ length: 8 }, (_, i) => turn(3, `host/${i}`, now)));
    for (const now of [T0, at(IDENTIFY_INTERVAL_MS), at(3 * IDENTIFY_INTERVAL_MS)]) {
      const waits = await race(now);
      expect(waits.filter((ms) => ms === 0)).toHaveLength(1);
      expect(waits.filter((ms) => ms > 0)).toHaveLength(7);
    }
  });

  it('GIVEN two processes identifying shards 0 and 2 (max_concurrency 2, one bucket) THEN the second waits its turn; shard 1 does not', async () => {
    const clock = fixedClock(T0);
    const waits: number[] = [];
    const options = {
      maxConcurrency: 2,
      logger: createLogger('silent'),
      clock,
      wait: async (ms: number) => {
        waits.push(ms);
        clock.advance(ms);
      },
    };
    const first = databaseIdentifyThrottler(handle.db, options);
    const second = databaseIdentifyThrottler(handle.db, options);
    const signal = new AbortController().signal;
    await first.waitForIdentify(0, signal);
    await second.waitForIdentify(1, signal);
    expect(waits).toEqual([]);
    await second.waitForIdentify(2, signal);
    expect(waits).toEqual([IDENTIFY_INTERVAL_MS]);
  });

  it('GIVEN the shard stops while it waits for its turn THEN the wait ends with the abort', async () => {
    const options = { maxConcurrency: 1, logger: createLogger('silent'), clock: fixedClock(T0) };
    const throttler = databaseIdentifyThrottler(handle.db, options);
    await throttler.waitForIdentify(0, new AbortController().signal);
    const stopping = new AbortController();
    const waiting = throttler.waitForIdentify(1, stopping.signal);
    stopping.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
