import { type DiscordDouble, shardOf } from '@waymark/discord-double';
import type { Db } from '../../src/db/connection.js';

/** Adds servers until each of `shards` shards holds `perShard` (the double's own server included); all of them. */
export function serversOnEveryShard(double: DiscordDouble, shards: number, perShard: number): string[] {
  const counts = new Map<number, number>([[shardOf(double.guild.id, shards), 1]]);
  for (let shard = 0; shard < shards; shard += 1) {
    while ((counts.get(shard) ?? 0) < perShard) {
      double.addGuild({ shard: [shard, shards] });
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
  }
  const guilds = [...double.state.guilds.keys()];
  for (const guildId of guilds) {
    if (guildId !== double.guild.id) double.addMember(double.users.member.id, { guildId });
  }
  return guilds;
}

/** An /about reply's fields by name. */
async function about(double: DiscordDouble, channelId: string): Promise<Record<string, string>> {
  const reply = await (await double.interact(double.slash({ name: 'about', channelId }))).final();
  return Object.fromEntries((reply.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]));
}

/**
 * Every /about field, once `ready` holds for it (heartbeats arrive every 15 s). While a killed
 * process is down, Discord holds its shard's interactions for a session nobody resumes: they go
 * unanswered, and the member tries again.
 */
export async function aboutWhen(
  double: DiscordDouble,
  channelId: string,
  ready: (fields: Record<string, string>) => boolean,
): Promise<Record<string, string>> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const fields = await about(double, channelId).catch(() => ({}) as Record<string, string>);
    if (ready(fields) || Date.now() > deadline) return fields;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The weekly digests the bot posted in a channel (its only messages with embeds there). */
export function digestsIn(double: DiscordDouble, channelId: string) {
  return double
    .messagesIn(channelId)
    .filter((message) => message.author.id === double.bot.id && message.embeds.length > 0);
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Weekly digests for these servers whose slot is this hour, saved a week ago: due now, in each server's first channel. */
export async function scheduleDigestsDueNow(
  db: Db,
  double: DiscordDouble,
  guildIds: readonly string[],
): Promise<void> {
  const now = new Date();
  for (const guildId of guildIds) {
    await db
      .insertInto('digest_schedules')
      .values({
        guild_id: guildId,
        channel_id: double.state.guildChannels(guildId)[0]!.id,
        day: now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
        hour: now.getUTCHours(),
        timezone: 'UTC',
        updated_by: double.users.admin.id,
        updated_at: new Date(now.getTime() - WEEK_MS).toISOString(),
      })
      .execute();
  }
}
