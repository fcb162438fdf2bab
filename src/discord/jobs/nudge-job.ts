import { markMissedGoals } from '../../goals/goals-queries.js';
import type { ScheduledJob } from '../../scheduler.js';
import { nudgeQuietMembers } from '../posts/nudge-quiet-members.js';

/** Weeks end at different hours in different guilds' zones, so this runs hourly. */
export const markMissedGoalsJob: ScheduledJob = {
  name: 'mark-missed-goals',
  cron: '2 * * * *',
  runOnStart: true,
  async run(ctx) {
    const missed = await markMissedGoals(ctx.db, ctx.clock.now(), ctx.config.defaultTimezone);
    if (missed.length > 0) ctx.logger.info({ goals: missed.length }, 'goals marked missed');
  },
};

export const nudgeQuietMembersJob: ScheduledJob = {
  name: 'nudge-quiet-members',
  cron: '23 * * * *',
  runOnStart: false,
  async run(ctx) {
    const results = await nudgeQuietMembers(ctx);
    if (results.length === 0) return;
    const tally: Record<string, number> = {};
    for (const result of results) tally[result] = (tally[result] ?? 0) + 1;
    ctx.logger.info(tally, 'nudges processed');
  },
};
