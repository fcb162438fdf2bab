import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HEARTBEATS_REUSED_MS,
  listHeartbeats,
  listRecentHeartbeats,
  writeHeartbeats,
} from '../../src/core/fleet.js';
import { type DatabaseHandle, openSqliteDatabase } from '../../src/db/connection.js';
import { claimJobFiring } from '../../src/db/job-claims.js';
import { createMigrator, migrateToLatest } from '../../src/db/migrator.js';
import { createScheduler, firingAtOrBefore, type ScheduledJob, type Scheduler } from '../../src/scheduler.js';
import { fixedClock } from '../../src/shared/clock.js';
import { describeFleet, fleetStatus, HEARTBEAT_STALE_MS } from '../../src/shared/fleet-status.js';
import { createTestContext } from '../accountability/test-context.js';
import { useTestDatabase } from '../support/database.js';

const JOB_CLAIMS = '2026-12-02-004-job-claims';

describe('fleet-wide jobs: one run per firing across processes', () => {
  const handle = useTestDatabase();
  const schedulers: Scheduler[] = [];
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop(1_000)));
  });

  function countingJob(runs: string[], overrides: Partial<ScheduledJob> = {}): ScheduledJob {
    return {
      name: 'prune',
      cron: '17 3 * * *',
      runOnStart: true,
      fleetWide: true,
      async run(ctx) {
        runs.push(ctx.clock.now().toISOString());
      },
      ...overrides,
    };
  }

  async function startProcess(job: ScheduledJob, at: string, options = {}): Promise<Scheduler> {
    const scheduler = createScheduler(createTestContext(handle, fixedClock(at)), [job], options);
    schedulers.push(scheduler);
    scheduler.start();
    await scheduler.settled;
    return scheduler;
  }

  it('GIVEN a cron expression THEN a run belongs to the latest firing at or before it', () => {
    const task = { match: (at: Date) => at.getUTCMinutes() === 17 && at.getUTCHours() === 3 };
    expect(firingAtOrBefore(task, new Date('2026-12-02T03:17:42Z'))?.toISOString()).toBe(
      '2026-12-02T03:17:00.000Z',
    );
    expect(firingAtOrBefore(task, new Date('2026-12-02T01:00:00Z'))?.toISOString()).toBe(
      '2026-12-01T03:17:00.000Z',
    );
  });

  it('GIVEN three processes starting within one period THEN the start run happens once; after the next firing, once more', async () => {
    const runs: string[] = [];
    await startProcess(countingJob(runs), '2026-12-02T10:00:00Z');
    await startProcess(countingJob(runs), '2026-12-02T10:00:05Z');
    await startProcess(countingJob(runs), '2026-12-03T02:59:00Z');
    expect(runs).toEqual(['2026-12-02T10:00:00.000Z']);
    await startProcess(countingJob(runs), '2026-12-03T03:17:30Z');
    expect(runs).toEqual(['2026-12-02T10:00:00.000Z', '2026-12-03T03:17:30.000Z']);
  });

  it('GIVEN a per-server job THEN every process runs it (each for its own shards)', async () => {
    const runs: string[] = [];
    await startProcess(countingJob(runs, { fleetWide: false }), '2026-12-02T10:00:00Z');
    await startProcess(countingJob(runs, { fleetWide: false }), '2026-12-02T10:00:00Z');
    expect(runs).toHaveLength(2);
  });

  it('GIVEN many racing claims for one firing THEN exactly one wins', async () => {
    const firing = new Date('2026-12-02T03:17:00Z');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        claimJobFiring(handle.db, { job: 'backup', firing, claimedBy: `host/${i}`, now: firing }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimJobFiring(handle.db, { job: 'prune', firing, claimedBy: 'host/1', now: firing })).toBe(
      true,
    );
  });

  it('GIVEN a job with jitter THEN its scheduled run waits random × jitter first (not its start run)', async () => {
    const runs: string[] = [];
    const waits: number[] = [];
    await startProcess(
      countingJob(runs, { cron: '* * * * * *', fleetWide: false, jitterMs: 600_000 }),
      '2026-12-02T10:00:00Z',
      {
        random: () => 0.25,
        wait: async (ms: number) => {
          waits.push(ms);
        },
      },
    );
    expect(waits).toEqual([]);
    await sleep(1_200);
    expect(waits[0]).toBe(150_000);
    expect(runs.length).toBeGreaterThanOrEqual(2);
  });
});

describe('heartbeats and the fleet /about shows', () => {
  const handle = useTestDatabase();
  const now = new Date('2026-12-02T10:00:00Z');

  it('GIVEN two processes beating and one shard silent for over a minute THEN that shard is down and its process gone', async () => {
    const beat = (processId: string, shards: number[], at: Date) =>
      writeHeartbeats(handle.db, {
        processId,
        shardCount: 4,
        startedAt: now,
        now: at,
        shards: shards.map((shardId) => ({ shardId, pingMs: 40 + shardId, servers: 2 })),
      });
    await beat('host/1', [0, 1], new Date(now.getTime() - 10_000));
    await beat('host/2', [2, 3], new Date(now.getTime() - HEARTBEAT_STALE_MS - 1));
    await beat('host/3', [3], new Date(now.getTime() - 5_000));

    const status = fleetStatus(await listHeartbeats(handle.db), 4, now);
    expect(status.shards.map((shard) => [shard.shardId, shard.up, shard.processId])).toEqual([
      [0, true, 'host/1'],
      [1, true, 'host/1'],
      [2, false, 'host/2'],
      [3, true, 'host/3'],
    ]);
    expect(status.processes).toEqual([
      { processId: 'host/1', shards: [0, 1] },
      { processId: 'host/3', shards: [3] },
    ]);
    expect(describeFleet(status).split('\n')).toEqual([
      '2 processes · 3 of 4 shards up',
      '#2 down',
      '#0 up · 40 ms · 2 servers · host/1',
      '#1 up · 41 ms · 2 servers · host/1',
      '#3 up · 43 ms · 2 servers · host/3',
    ]);
  });

  it('GIVEN heartbeats read for /about THEN the read is reused for 5 s, and asks meanwhile share it', async () => {
    const beat = (servers: number) =>
      writeHeartbeats(handle.db, {
        processId: 'host/1',
        shardCount: 1,
        startedAt: now,
        now,
        shards: [{ shardId: 0, pingMs: 40, servers }],
      });
    const servers = async (at: Date) => (await listRecentHeartbeats(handle.db, at)).map((row) => row.servers);
    await beat(1);
    const first = listRecentHeartbeats(handle.db, now);
    expect(listRecentHeartbeats(handle.db, new Date(now.getTime() + 1))).toBe(first);
    expect((await first).map((row) => row.servers)).toEqual([1]);
    await beat(2);
    expect(await servers(new Date(now.getTime() + HEARTBEATS_REUSED_MS - 1))).toEqual([1]);
    expect(await servers(new Date(now.getTime() + HEARTBEATS_REUSED_MS))).toEqual([2]);
    await beat(3);
    // A clock set back (a test's, or the machine's) reads again rather than trust a read from its future.
    expect(await servers(now)).toEqual([3]);
  });

  it('GIVEN a heartbeats read that fails THEN it is not reused: the next ask reads again', async () => {
    const fresh = openSqliteDatabase(':memory:');
    try {
      await expect(listRecentHeartbeats(fresh.db, now)).rejects.toThrow(/no such table/);
      await migrateToLatest(fresh.db);
      await expect(listRecentHeartbeats(fresh.db, now)).resolves.toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('GIVEN a shard never reported, or rows of an older shard count THEN it is down', () => {
    const rows = [
      {
        shard_id: 0,
        shard_count: 1,
        process_id: 'old/1',
        ping_ms: 5,
        servers: 9,
        beat_at: now.toISOString(),
      },
    ];
    expect(fleetStatus(rows, 2, now).shards).toEqual([
      { shardId: 0, up: false },
      { shardId: 1, up: false },
    ]);
  });
});

describe('migration 2026-12-02-004-job-claims', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('GIVEN up → down → up THEN the table is gone after down and (job, firing) is unique again after up', async () => {
    handle = openSqliteDatabase(':memory:');
    await migrateToLatest(handle.db);
    const migrator = createMigrator(handle.db);
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf(JOB_CLAIMS) - 1]!;
    const firing = new Date('2026-12-02T03:17:00Z');
    const claim = { job: 'backup', firing, claimedBy: 'host/1', now: firing };
    expect(await claimJobFiring(handle.db, claim)).toBe(true);

    await migrator.migrateTo(before);
    await expect(claimJobFiring(handle.db, claim)).rejects.toThrow(/no such table: job_claims/);

    await migrateToLatest(handle.db);
    expect(await claimJobFiring(handle.db, claim)).toBe(true);
    expect(await claimJobFiring(handle.db, { ...claim, claimedBy: 'host/2' })).toBe(false);
  });
});
