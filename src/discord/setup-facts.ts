import type { Guild } from 'discord.js';
import type { AppContext } from '../context.js';
import { findGuildNudgeSettings } from '../core/settings-queries.js';
import { findDigestSchedule } from '../digest/digest-schedules.js';
import type { SetupFacts } from '../onboarding/setup-checklist.js';
import { listRoadmapSummaries } from '../roadmaps/roadmap-queries.js';
import { missingDigestPermissions } from './digest-channel.js';

/** Reads what the setup checklist shows: the server's roadmaps, digest schedule and nudge setting. */
export async function gatherSetupFacts(ctx: AppContext, guild: Guild): Promise<SetupFacts> {
  const [roadmaps, schedule, nudges] = await Promise.all([
    listRoadmapSummaries(ctx.db, guild.id),
    findDigestSchedule(ctx.db, guild.id),
    findGuildNudgeSettings(ctx.db, guild.id),
  ]);
  let digest: SetupFacts['digest'] = null;
  if (schedule) {
    const channel = guild.channels.cache.get(schedule.channel_id);
    const me = guild.members.me ?? (await guild.members.fetchMe());
    digest = {
      channelId: schedule.channel_id,
      timing: schedule,
      paused: schedule.paused === 1,
      missingPermissions: channel ? missingDigestPermissions(channel.permissionsFor(me)) : null,
    };
  }
  return {
    roadmaps: {
      count: roadmaps.length,
      defaultName: roadmaps.find((roadmap) => roadmap.is_default === 1)?.name ?? null,
    },
    digest,
    nudges,
  };
}
