import {
  CannotSendMessagesToThisUserErrorCodes,
  DiscordAPIError,
  type Guild,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { AppContext } from '../../context.js';
import { findNextOpenItems } from '../../nudges/next-items.js';
import { isNudgeDue, type NudgeCandidate, quietDays, renderNudgeMessage } from '../../nudges/nudges.js';
import {
  claimNudge,
  findNudgeCandidates,
  releaseNudge,
  setNudgeOutcome,
} from '../../nudges/nudges-queries.js';
import { truncate } from '../../shared/text.js';
import { NO_MENTIONS } from '../mentions.js';

const NEXT_ITEMS_IN_NUDGE = 3;
const ITEM_LABEL_MAX_LENGTH = 150;

/** Closed DMs (50007), or no server left in common (50278). */
const DM_REFUSED_CODES: ReadonlySet<number | string> = new Set(CannotSendMessagesToThisUserErrorCodes);

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
  if (!(await claimNudge(ctx.db, member, candidate.lastNudge, now))) return 'skipped';
  if (!stillMember) {
    // Someone who left is not reminded of a server they chose to leave; recorded like closed
    // DMs, so the check is not repeated every hour.
    await setNudgeOutcome(ctx.db, member, 'left_server');
    return 'left_server';
  }
  const content = renderNudgeMessage({
    guildName: guild.name,
    quietDays: quietDays(candidate.lastSeenAt, now),
    nextItems: items.map((item) => truncate(item.label, ITEM_LABEL_MAX_LENGTH)),
  });
  try {
    await ctx.client.users.send(candidate.userId, { content, allowedMentions: NO_MENTIONS });
    return 'sent';
  } catch (error) {
    if (error instanceof DiscordAPIError && DM_REFUSED_CODES.has(error.code)) {
      // Closed DMs are the member's choice: remember it and stay quiet until they are active again.
      await setNudgeOutcome(ctx.db, member, 'dms_closed');
      return 'dms_closed';
    }
    await releaseNudge(ctx.db, member, candidate.lastNudge);
    ctx.logger.warn({ err: error, ...member }, 'nudge not sent; will retry next run');
    return 'failed';
  }
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
