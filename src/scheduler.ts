import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from './context.js';
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
  run(ctx: AppContext): Promise<void>;
}

export interface Scheduler {
  start(): void;
  /** Stops scheduling, then waits for running jobs at most `timeoutMs`; they are left to the process's end. */
  stop(timeoutMs: number): Promise<void>;
  /** Resolves when the startup runs have finished; for tests and orderly shutdown. */
  readonly settled: Promise<void>;
}

export function createScheduler(ctx: AppContext, jobs: readonly ScheduledJob[]): Scheduler {
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<void>>();
  let settled: Promise<void> = Promise.resolve();

  function runJob(job: ScheduledJob): Promise<void> {
    const run = job
      .run(ctx)
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
        tasks.push(
          cron.schedule(job.cron, () => runJob(job), {
            name: job.name,
            timezone: 'UTC',
            noOverlap: true,
          }),
        );
      }
      settled = Promise.all(jobs.filter((job) => job.runOnStart).map(runJob)).then(() => undefined);
    },
    async stop(timeoutMs) {
      await Promise.all(tasks.map((task) => task.destroy()));
      tasks.length = 0;
      if (!(await settleWithin(Promise.allSettled([...running]), timeoutMs))) {
        ctx.logger.warn({ running: running.size }, 'scheduled jobs still running at shutdown');
      }
    },
  };
}
