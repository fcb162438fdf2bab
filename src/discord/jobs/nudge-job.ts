import type { ScheduledJob } from '../../scheduler.js';
import { nudgeQuietMembers } from '../posts/nudge-quiet-members.js';

export const nudgeQuietMembersJob: ScheduledJob = {
  name: 'nudge-quiet-members',
  cron: '23 * * * *',
  runOnStart: false,
  // Each nudge is a member lookup and a DM: spread over minutes, a fleet never bursts.
  jitterMs: 10 * 60_000,
  async run(ctx) {
    const results = await nudgeQuietMembers(ctx);
    if (results.length === 0) return;
    const tally: Record<string, number> = {};
    for (const result of results) tally[result] = (tally[result] ?? 0) + 1;
    ctx.logger.info(tally, 'nudges processed');
  },
};
