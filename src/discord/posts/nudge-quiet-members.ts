import { DiscordAPIError, type Guild, RESTJSONErrorCodes } from 'discord.js';
import type { AppContext } from '../../context.js';
import { discardPost, enqueuePost } from '../../core/outbox.js';
import { inTransaction } from '../../db/transaction.js';
import { findNextOpenItems } from '../../nudges/next-items.js';
import { isNudgeDue, type NudgeCandidate, quietDays, renderNudgeMessage } from '../../nudges/nudges.js';
import {
  claimNudge,
  findNudgeCandidates,
  releaseNudge,
  setNudgeOutcome,
} from '../../nudges/nudges-queries.js';
import { truncate } from '../../shared/text.js';
import { deliverToChannel } from './outbox-delivery.js';

const NEXT_ITEMS_IN_NUDGE = 3;
const ITEM_LABEL_MAX_LENGTH = 150;

export type NudgeResult = 'sent' | 'dms_closed' | 'left_server' | 'skipped' | 'failed';

/** Whether the member is still in the server: one REST call, since the bot caches no members. */
async function isStillMember(guild: Guild, userId: string): Promise<boolean> {
  try {
    await guild.members.fetch({ user: userId, cache: false });
    return true;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return false;
    throw error;
  }
}

async function nudgeMember(ctx: AppContext, candidate: NudgeCandidate, now: Date): Promise<NudgeResult> {
  const guild = ctx.client.guilds.cache.get(candidate.guildId);
  if (!guild) return 'skipped';
  const member = { guildId: candidate.guildId, userId: candidate.userId };
  const stillMember = await isStillMember(guild, candidate.userId);
  const items = await findNextOpenItems(ctx.db, candidate.guildId, candidate.userId, NEXT_ITEMS_IN_NUDGE);
  const content = renderNudgeMessage({
    guildName: guild.name,
    quietDays: quietDays(candidate.lastSeenAt, now),
    nextItems: items.map((item) => truncate(item.label, ITEM_LABEL_MAX_LENGTH)),
  });
  // The nudge is recorded before it is sent, with the message to send, so that a crash or a
  // second process cannot send it twice, and a crash cannot lose it.
  const post = await inTransaction(ctx.db, async (trx) => {
    if (!(await claimNudge(trx, member, candidate.lastNudge, now))) return 'skipped';
    if (!stillMember) {
      // Someone who left is not reminded of a server they chose to leave; recorded like closed
      // DMs, so the check is not repeated every hour.
      await setNudgeOutcome(trx, member, 'left_server');
      return 'left_server';
    }
    return enqueuePost(
      trx,
      {
        guildId: member.guildId,
        kind: 'nudge',
        channelId: null,
        recipientId: member.userId,
        ownerId: member.userId,
        payload: { message: { content }, data: {} },
      },
      now,
    );
  });
  if (typeof post === 'string') return post;
  const outcome = await deliverToChannel(ctx, post);
  if (outcome === 'delivered') return 'sent';
  // Closed DMs were recorded as the member's choice when Discord refused.
  if (outcome === 'failed') return 'dms_closed';
  // A nudge is written from the member's current state: the next run writes a fresh one.
  await discardPost(ctx.db, post);
  await releaseNudge(ctx.db, member, candidate.lastNudge);
  return 'failed';
}

/**
 * Sends each due member one direct message about their next items. Never posts in a channel,
 * so nobody is reminded in public.
 */
export async function nudgeQuietMembers(ctx: AppContext): Promise<NudgeResult[]> {
  const now = ctx.clock.now();
  const due = (await findNudgeCandidates(ctx.db, ctx.config.defaultTimezone, ctx.shards())).filter(
    (candidate) => isNudgeDue(candidate, now),
  );
  const results: NudgeResult[] = [];
  for (const candidate of due) results.push(await nudgeMember(ctx, candidate, now));
  return results;
}
