import {
  AttachmentBuilder,
  DiscordAPIError,
  type EmbedBuilder,
  HTTPError,
  type Message,
  RESTJSONErrorCodes,
  type SendableChannels,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { AppContext } from '../../context.js';
import { findGuildTimezone } from '../../core/settings-queries.js';
import type { DigestRun } from '../../db/schema.js';
import { completeDigestRun, failDigestRun } from '../../digest/digest-runs.js';
import { findDigestSchedule } from '../../digest/digest-schedules.js';
import type { Period } from '../../digest/digest-slots.js';
import { chartDays, describeChart, renderDigestChart } from '../../digest/render-digest-chart.js';
import { findDigestActivity } from '../../digest/weekly-activity-queries.js';
import { resolveDisplayNames } from '../member-names.js';
import { NO_MENTIONS } from '../mentions.js';
import { buildDigestEmbed, DIGEST_CHART_FILE, digestFooter, MAX_PHASE_LINES } from '../views/digest-view.js';
import { findRecentPost } from './find-recent-post.js';

const MEMBER_LIMIT = 20;
const LEARNING_LIMIT = 10;
const FEEDBACK_LIMIT = 8;
const FORMER_MEMBER = 'A former member';

export interface PreparedDigest {
  embed: EmbedBuilder;
  files: AttachmentBuilder[];
}

/** The guild's digest time zone: its schedule's, else the guild's setting, else the default. */
export async function digestTimezone(ctx: AppContext, guildId: string): Promise<string> {
  const schedule = await findDigestSchedule(ctx.db, guildId);
  return schedule?.timezone ?? findGuildTimezone(ctx.db, guildId, ctx.config.defaultTimezone);
}

/** Queries, names, embed and chart for one guild and period: what preview shows and a run posts. */
export async function prepareDigest(
  ctx: AppContext,
  options: { guildId: string; period: Period; timezone: string; footer: string },
): Promise<PreparedDigest> {
  const activity = await findDigestActivity(ctx.db, {
    guildId: options.guildId,
    period: options.period,
    timezone: options.timezone,
    memberLimit: MEMBER_LIMIT,
    learningLimit: LEARNING_LIMIT,
    feedbackLimit: FEEDBACK_LIMIT,
  });
  const named = [
    ...activity.members.map((member) => member.userId),
    ...activity.phaseProgress
      .filter((phase) => phase.completed)
      .slice(0, MAX_PHASE_LINES)
      .map((phase) => phase.userId),
    ...activity.learnings.map((learning) => learning.userId),
    ...activity.openFeedback.map((request) => request.userId),
  ].filter((userId) => !activity.privateMembers.has(userId));
  const names = await resolveDisplayNames(ctx.client, options.guildId, named);
  const embed = buildDigestEmbed({
    activity,
    displayName: (userId) => names.get(userId) ?? FORMER_MEMBER,
    footer: options.footer,
    chartFile: DIGEST_CHART_FILE,
  });
  const days = chartDays(activity.days, options.timezone, ctx.clock.now());
  const chart = await renderDigestChart(days);
  return {
    embed,
    files: [new AttachmentBuilder(chart, { name: DIGEST_CHART_FILE, description: describeChart(days) })],
  };
}

/** Why a post failed, in words an admin can act on; shown in /digest status. */
export function describePostError(error: unknown): string {
  if (error instanceof DigestChannelError) return error.message;
  if (error instanceof DiscordAPIError) {
    switch (error.code) {
      case RESTJSONErrorCodes.MissingPermissions:
        return 'Missing permissions: Waymark needs View Channel, Send Messages, Embed Links and Attach Files in the digest channel.';
      case RESTJSONErrorCodes.MissingAccess:
        return 'Missing access: Waymark cannot see the digest channel.';
      case RESTJSONErrorCodes.UnknownChannel:
        return 'The digest channel no longer exists. Choose another with /digest setup.';
      default:
        return error.status >= 500
          ? `Discord was unavailable (HTTP ${error.status}).`
          : `Discord refused the post: ${error.message} (code ${error.code}).`;
    }
  }
  if (error instanceof HTTPError) return `Discord was unavailable (HTTP ${error.status}).`;
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}

class DigestChannelError extends Error {
  override name = 'DigestChannelError';
}

async function fetchDigestChannel(ctx: AppContext, channelId: string): Promise<SendableChannels> {
  const channel = await ctx.client.channels.fetch(channelId);
  if (!channel?.isSendable() || channel.isDMBased()) {
    throw new DigestChannelError(
      'The digest channel is not a server text channel. Choose another with /digest setup.',
    );
  }
  return channel;
}

/**
 * The digest already posted for this week, found by its footer. A crash between posting and
 * recording leaves exactly this trace, so recovery and retries check it before posting again.
 */
async function findPostedDigest(
  ctx: AppContext,
  channel: SendableChannels,
  slotKey: string,
): Promise<Message | undefined> {
  const footer = digestFooter(slotKey);
  return findRecentPost(ctx, channel, (message) => message.embeds[0]?.footer?.text === footer);
}

/** One per run, the same on every attempt: Discord returns the digest a retried POST already created. */
function digestNonce(run: DigestRun): string {
  return `waymark-digest-${run.id}`;
}

export type PublishOutcome =
  | { status: 'posted'; messageId: string; url: string; recovered: boolean }
  | { status: 'failed'; reason: string; nextAttemptAt: Date | null }
  | { status: 'lost' };

/**
 * Posts a run this process has claimed, then records the message id. Any run that may have
 * reached Discord before (a second attempt, a recovered claim) is first looked for in the
 * channel and only completed if found. A failure is recorded with its retry time.
 */
export async function publishClaimedRun(ctx: AppContext, run: DigestRun): Promise<PublishOutcome> {
  const log = ctx.logger.child({ guildId: run.guild_id, slotKey: run.slot_key, claim: run.claimed_by });
  try {
    const channel = await fetchDigestChannel(ctx, run.channel_id);
    const existing = run.attempts > 1 ? await findPostedDigest(ctx, channel, run.slot_key) : undefined;
    let message = existing;
    if (!message) {
      const digest = await prepareDigest(ctx, {
        guildId: run.guild_id,
        period: { start: new Date(run.period_start), end: new Date(run.period_end) },
        timezone: await digestTimezone(ctx, run.guild_id),
        footer: digestFooter(run.slot_key),
      });
      message = await channel.send({
        embeds: [digest.embed],
        files: digest.files,
        allowedMentions: NO_MENTIONS,
        nonce: digestNonce(run),
        enforceNonce: true,
      });
    }
    if (!(await completeDigestRun(ctx.db, run, message.id, ctx.clock.now()))) {
      log.warn({ messageId: message.id }, 'digest claim was taken over while posting');
      return { status: 'lost' };
    }
    log.info({ messageId: message.id, recovered: Boolean(existing) }, 'digest posted');
    if (!existing) await openDiscussion(ctx, message, run.slot_key);
    return { status: 'posted', messageId: message.id, url: message.url, recovered: Boolean(existing) };
  } catch (error) {
    const reason = describePostError(error);
    const failed = await failDigestRun(ctx.db, run, reason, ctx.clock.now());
    log.warn(
      { err: error, attempts: run.attempts, nextAttemptAt: failed?.next_attempt_at },
      'digest post failed',
    );
    if (!failed) return { status: 'lost' };
    return {
      status: 'failed',
      reason,
      nextAttemptAt: failed.next_attempt_at ? new Date(failed.next_attempt_at) : null,
    };
  }
}

/** A thread under the digest for the week's conversation; the digest stands without it. */
async function openDiscussion(ctx: AppContext, message: Message, slotKey: string): Promise<void> {
  await message
    .startThread({
      name: `Digest ${slotKey} — discussion`,
      autoArchiveDuration: ThreadAutoArchiveDuration.ThreeDays,
    })
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, messageId: message.id }, 'could not open the digest thread'),
    );
}
