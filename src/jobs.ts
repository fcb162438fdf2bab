import type { AppContext } from './context.js';
import { digestJob } from './digest/digest-job.js';
import { deleteViewStatesBefore } from './discord/view-state.js';
import type { ScheduledJob } from './scheduler.js';

const VIEW_STATE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Pagination buttons older than two weeks stop working; their stored filters go with them. */
export const pruneViewStatesJob: ScheduledJob = {
  name: 'prune-view-states',
  cron: '17 3 * * *',
  runOnStart: false,
  async run(ctx: AppContext) {
    const cutoff = new Date(ctx.clock.now().getTime() - VIEW_STATE_LIFETIME_MS);
    await deleteViewStatesBefore(ctx.db, cutoff);
  },
};

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [pruneViewStatesJob, digestJob];
