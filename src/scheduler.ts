import { setTimeout as sleep } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from './context.js';
import { claimJobFiring } from './db/job-claims.js';
import { processName } from './shared/process-name.js';
import { settleWithin } from './shared/settle-within.js';

/**
 * A periodic job. Jobs decide what is due from `ctx.clock`, not from when cron fired, so a
 * late or repeated run is harmless and tests can run them directly with a moved clock.
 */
export interface ScheduledJob {
  name: string;
  /** A cron expression in UTC, e.g. `0 * * * *` for the top of every hour. */
  cron: string;
  /** Also run once at startup, to catch up on what was due while the bot was down. */
  runOnStart: boolean;
  /**
   * Not per server (pruning, backups): run once per firing across every process of the fleet,
   * by whichever claims the firing first. A run at start counts for the firing before it.
   * Per-server jobs leave this unset: each process runs them for its own shards' servers.
   */
  fleetWide?: boolean;
  /**
   * Scheduled runs wait a random 0…jitterMs first, so that the processes of a fleet do not all
   * call Discord in the same second. Runs at start do not wait.
   */
  jitterMs?: number;
  run(ctx: AppContext): Promise<void>;
}

export interface Scheduler {
  start(): void;
  /** Stops scheduling, then waits for running jobs at most `timeoutMs`; they are left to the process's end. */
  stop(timeoutMs: number): Promise<void>;
  /** Resolves when the startup runs have finished; for tests and orderly shutdown. */
  readonly settled: Promise<void>;
}

export interface SchedulerOptions {
  /** 0 ≤ x < 1, for the jitter; injected so tests know the delay. */
  random?: () => number;
  /** Waits out the jitter, or less if `signal` aborts (the scheduler stopping); tests record it instead. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const MINUTE_MS = 60_000;
/** How far back a start run looks for the firing it belongs to: longer than any job's period. */
const FIRING_LOOKBACK_MINUTES = 8 * 24 * 60;

/** The latest minute at or before `at` that the task's cron expression matches. */
export function firingAtOrBefore(task: Pick<ScheduledTask, 'match'>, at: Date): Date | undefined {
  const minute = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let back = 0; back <= FIRING_LOOKBACK_MINUTES; back += 1) {
    const candidate = new Date(minute - back * MINUTE_MS);
    if (task.match(candidate)) return candidate;
  }
  return undefined;
}

export function createScheduler(
  ctx: AppContext,
  jobs: readonly ScheduledJob[],
  options: SchedulerOptions = {},
): Scheduler {
  const random = options.random ?? Math.random;
  const wait =
    options.wait ??
    ((ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined));
  const stopping = new AbortController();
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<Promise<void>>();
  const claimedBy = processName();
  let settled: Promise<void> = Promise.resolve();

  /** Fleet-wide jobs run only for the process that claims the firing. */
  async function mayRun(job: ScheduledJob): Promise<boolean> {
    if (!job.fleetWide) return true;
    const task = tasks.get(job.name);
    const now = ctx.clock.now();
    const firing = task && firingAtOrBefore(task, now);
    if (!firing) return true;
    const claimed = await claimJobFiring(ctx.db, { job: job.name, firing, claimedBy, now });
    ctx.logger.debug(
      { job: job.name, firing },
      claimed ? 'this process runs this firing' : 'another process ran this firing',
    );
    return claimed;
  }

  async function execute(job: ScheduledJob, scheduled: boolean): Promise<void> {
    if (scheduled && job.jitterMs) await wait(Math.floor(random() * job.jitterMs), stopping.signal);
    if (stopping.signal.aborted) return;
    if (await mayRun(job)) await job.run(ctx);
  }

  function runJob(job: ScheduledJob, scheduled: boolean): Promise<void> {
    const run = execute(job, scheduled)
      .catch((error: unknown) => {
        ctx.failures.record(ctx.clock.now());
        ctx.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      })
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  }

  return {
    get settled() {
      return settled;
    },
    start() {
      for (const job of jobs) {
        tasks.set(
          job.name,
          cron.schedule(job.cron, () => runJob(job, true), {
            name: job.name,
            timezone: 'UTC',
            noOverlap: true,
          }),
        );
      }
      settled = Promise.all(jobs.filter((job) => job.runOnStart).map((job) => runJob(job, false))).then(
        () => undefined,
      );
    },
    async stop(timeoutMs) {
      stopping.abort();
      await Promise.all([...tasks.values()].map((task) => task.destroy()));
      tasks.clear();
      if (!(await settleWithin(Promise.allSettled([...running]), timeoutMs))) {
        ctx.logger.warn({ running: running.size }, 'scheduled jobs still running at shutdown');
      }
    },
  };
}
