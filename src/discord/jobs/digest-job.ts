import type { AppContext } from '../../context.js';
import type { DigestRun, DigestSchedule } from '../../db/schema.js';
import {
  claimDigestRun,
  findDueDigestRetries,
  findStaleDigestClaims,
  newClaimToken,
  reclaimDigestRun,
  recordSkippedDigestRun,
} from '../../digest/digest-runs.js';
import { findActiveDigestSchedules, findDigestSchedule } from '../../digest/digest-schedules.js';
import { SLOT_CATCH_UP_MS, slotAtOrBefore } from '../../digest/digest-slots.js';
import type { ScheduledJob } from '../../scheduler.js';
import { type PublishOutcome, publishClaimedRun } from '../posts/publish-digest.js';

export const MISSED_SLOT_REASON = 'Waymark was offline for more than 24 hours after the scheduled time.';

/** What one pass did, for logs and tests. */
export interface DigestPass {
  posted: string[];
  failed: string[];
  skipped: string[];
}

function label(run: DigestRun): string {
  return `${run.guild_id}/${run.slot_key}`;
}

function record(pass: DigestPass, run: DigestRun, outcome: PublishOutcome): void {
  if (outcome.status === 'posted') pass.posted.push(label(run));
  if (outcome.status === 'failed') pass.failed.push(label(run));
}

/**
 * Scheduled retries belong to an active schedule; once an admin pauses the digest, its
 * failing week stops being retried. Sends by hand are retried regardless: someone asked.
 */
async function shouldRetry(ctx: AppContext, run: DigestRun): Promise<boolean> {
  if (run.trigger === 'manual') return true;
  const schedule = await findDigestSchedule(ctx.db, run.guild_id);
  return schedule !== undefined && schedule.paused === 0;
}

/**
 * The week's slot, if it is due: at or before now, not before the schedule was (re)saved —
 * setting up on a Wednesday does not post Monday's digest late — and not yet claimed.
 * A slot missed by more than a day is recorded as skipped instead of posted stale.
 */
async function handleSchedule(ctx: AppContext, schedule: DigestSchedule, pass: DigestPass): Promise<void> {
  const now = ctx.clock.now();
  const slot = slotAtOrBefore(schedule, now);
  if (slot.at < new Date(schedule.updated_at)) return;
  const claim = {
    guildId: schedule.guild_id,
    slot,
    period: slot.period,
    channelId: schedule.channel_id,
    token: newClaimToken(),
    now,
  };
  if (now.getTime() - slot.at.getTime() >= SLOT_CATCH_UP_MS) {
    const skipped = await recordSkippedDigestRun(ctx.db, { ...claim, reason: MISSED_SLOT_REASON });
    if (skipped) pass.skipped.push(label(skipped));
    return;
  }
  const run = await claimDigestRun(ctx.db, { ...claim, trigger: 'schedule' });
  if (run) record(pass, run, await publishClaimedRun(ctx, run));
}

/**
 * One pass of the digest scheduler; safe to run any number of times, from any number of
 * processes. First claims abandoned by a crash are recovered (checked against the channel,
 * then completed or posted), then due retries run, then every active schedule whose slot is
 * due is claimed and posted.
 */
export async function runDueDigests(ctx: AppContext): Promise<DigestPass> {
  const pass: DigestPass = { posted: [], failed: [], skipped: [] };
  const now = ctx.clock.now();
  const shards = ctx.shards();
  // An abandoned claim may already be in the channel, so it is always resolved, paused or not.
  const pending: DigestRun[] = await findStaleDigestClaims(ctx.db, now, shards);
  for (const run of await findDueDigestRetries(ctx.db, now, shards)) {
    if (await shouldRetry(ctx, run)) pending.push(run);
  }
  for (const candidate of pending) {
    const run = await reclaimDigestRun(ctx.db, candidate, { token: newClaimToken(), now });
    if (run) record(pass, run, await publishClaimedRun(ctx, run));
  }
  for (const schedule of await findActiveDigestSchedules(ctx.db, shards)) {
    try {
      await handleSchedule(ctx, schedule, pass);
    } catch (error) {
      ctx.logger.error({ err: error, guildId: schedule.guild_id }, 'digest schedule pass failed');
    }
  }
  if (pass.posted.length + pass.failed.length + pass.skipped.length > 0) ctx.logger.info(pass, 'digest pass');
  return pass;
}

/**
 * Every quarter hour rather than only at the top of the hour: zones such as Asia/Kolkata
 * (+05:30) or Asia/Kathmandu (+05:45) put a local 09:00 between UTC hours. Plus once at
 * start, which is when crashed claims are recovered and missed slots caught up.
 */
export const digestJob: ScheduledJob = {
  name: 'weekly-digest',
  cron: '*/15 * * * *',
  runOnStart: true,
  // Many servers pick 09:00: a minute's spread keeps the fleet's posts off one second.
  jitterMs: 60_000,
  async run(ctx) {
    await runDueDigests(ctx);
  },
};
