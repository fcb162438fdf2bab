import type { ScheduledJob } from '../scheduler.js';
import { markMissedGoals } from './goals-queries.js';

/** Weeks end at different hours in different guilds' zones, so this runs hourly. */
export const markMissedGoalsJob: ScheduledJob = {
  name: 'mark-missed-goals',
  cron: '2 * * * *',
  runOnStart: true,
  async run(ctx) {
    const missed = await markMissedGoals(ctx.db, ctx.clock.now(), ctx.config.defaultTimezone, ctx.shards());
    if (missed.length > 0) ctx.logger.info({ goals: missed.length }, 'goals marked missed');
  },
};
