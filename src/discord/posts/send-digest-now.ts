import { messageLink } from 'discord.js';
import type { AppContext } from '../../context.js';
import type { DigestRun } from '../../db/schema.js';
import { claimDigestRun, findDigestRun, newClaimToken, reclaimDigestRun } from '../../digest/digest-runs.js';
import { findDigestSchedule } from '../../digest/digest-schedules.js';
import { type DigestSlot, slotInWeekOf, weekEndingAt } from '../../digest/digest-slots.js';
import { relativeTime } from '../../shared/discord-time.js';
import { UserError } from '../../shared/user-error.js';
import { publishClaimedRun } from './publish-digest.js';

export interface SentDigest {
  slot: DigestSlot;
  channelId: string;
  url: string;
}

function alreadyHandled(run: DigestRun | undefined): UserError {
  if (run?.status === 'posted') {
    const link = run.message_id ? ` ${messageLink(run.channel_id, run.message_id, run.guild_id)}` : '';
    return new UserError(`This week’s digest is already posted.${link} The next one goes out on schedule.`);
  }
  return new UserError('This week’s digest is being posted right now. Check /digest status in a minute.');
}

/**
 * Posts the digest for the 7 days before now, as THIS guild-local week's run: it claims the
 * week's slot key (`slotInWeekOf`), so the week's scheduled digest — earlier or later in the
 * same week — does not post as well. A week whose run failed or was skipped can be sent; a
 * week already posted (or being posted) cannot.
 */
export async function sendDigestNow(ctx: AppContext, guildId: string): Promise<SentDigest> {
  const schedule = await findDigestSchedule(ctx.db, guildId);
  if (!schedule)
    throw new UserError('Set up the digest first with /digest setup: it needs a channel to post in.');
  const now = ctx.clock.now();
  const slot = slotInWeekOf(schedule, now);
  const token = newClaimToken();
  const period = weekEndingAt(now, schedule.timezone);
  const channelId = schedule.channel_id;
  let run = await claimDigestRun(ctx.db, { guildId, slot, period, trigger: 'manual', channelId, token, now });
  if (!run) {
    const existing = await findDigestRun(ctx.db, guildId, slot.key);
    if (existing?.status === 'failed' || existing?.status === 'skipped') {
      run = await reclaimDigestRun(ctx.db, existing, {
        token,
        now,
        replace: { trigger: 'manual', period, channelId },
      });
    }
    if (!run) throw alreadyHandled(existing ?? (await findDigestRun(ctx.db, guildId, slot.key)));
  }
  const outcome = await publishClaimedRun(ctx, run);
  if (outcome.status === 'posted') return { slot, channelId, url: outcome.url };
  if (outcome.status === 'failed') {
    const retry = outcome.nextAttemptAt
      ? `Waymark tries again ${relativeTime(outcome.nextAttemptAt)}`
      : 'Fix it, then use /digest send again';
    throw new UserError(`The digest could not be posted. ${outcome.reason} ${retry} (see /digest status).`);
  }
  throw alreadyHandled(await findDigestRun(ctx.db, guildId, slot.key));
}
