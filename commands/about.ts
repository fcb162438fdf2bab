import { InteractionContextType, MessageFlags } from 'discord.js';
import type { AppContext } from '../src/context.js';
import { listHeartbeats } from '../src/core/fleet.js';
import { countDeliveries, type DeliveryCounts } from '../src/core/outbox.js';
import { checkDatabaseHealth } from '../src/db/health.js';
import { defineCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { discordTime, relativeTime } from '../src/shared/discord-time.js';
import { describeFleet, fleetStatus } from '../src/shared/fleet-status.js';
import { pluralize } from '../src/shared/plural.js';
import { processName } from '../src/shared/process-name.js';
import { formatShardList } from '../src/shared/shards.js';
import { WAYMARK_VERSION } from '../src/version.js';

const HOUR_MS = 60 * 60 * 1000;

/** The outbox in this server: what is still on its way, what gave up, and whether any of it is the member's. */
function describeDeliveries(posts: DeliveryCounts): string {
  const counts = `${posts.pending} pending · ${posts.failed} failed`;
  if (posts.failedForMember === 0) return counts;
  const yours =
    posts.failedForMember === 1 ? '1 of them is yours' : `${posts.failedForMember} of them are yours`;
  return `${counts}\n${yours}: Waymark could not post it after several tries. An admin can check Waymark’s permissions in the channel.`;
}

/**
 * Which database this process is on: the SQLite file, or the PostgreSQL server and database
 * (the location never carries credentials) with its pool, whose waiting queries say it is too small.
 */
function describeDatabasePlace(database: AppContext['database']): string {
  if (database.dialect === 'sqlite') {
    return `SQLite · ${database.location === ':memory:' ? 'in memory' : `\`${database.location}\``}`;
  }
  const pool = database.connections();
  const usage = pool
    ? ` · pool: ${pool.inUse} in use, ${pool.idle} idle of ${pool.size}${pool.waiting > 0 ? `, ${pool.waiting} waiting` : ''}`
    : '';
  return `PostgreSQL · \`${database.location}\`${usage}`;
}

export const aboutCommand = defineCommand(
  {
    name: 'about',
    description: 'Waymark’s version, uptime, connection and database status',
    contexts: [InteractionContextType.Guild],
  },
  {
    async execute(interaction, ctx) {
      const now = ctx.clock.now();
      const database = await checkDatabaseHealth(ctx.db);
      const ping = ctx.client.ws.ping;
      const failures = ctx.failures.countSince(new Date(now.getTime() - HOUR_MS));
      const shards = ctx.shards();
      const fleet = fleetStatus(await listHeartbeats(ctx.db), shards.count, now);
      const posts = await countDeliveries(ctx.db, interaction.guildId, interaction.user.id);
      const embed = waymarkEmbed()
        .setTitle('Waymark')
        .setDescription('Roadmaps, progress and a weekly digest that keep a learning community accountable.')
        .addFields(
          { name: 'Version', value: WAYMARK_VERSION, inline: true },
          {
            name: 'Up since',
            value: `${discordTime(ctx.startedAt)} (${relativeTime(ctx.startedAt)})`,
            inline: true,
          },
          { name: 'Gateway ping', value: ping >= 0 ? `${Math.round(ping)} ms` : 'measuring…', inline: true },
          {
            name: 'Database',
            value: database.ok
              ? `OK · ${database.latencyMs.toFixed(1)} ms · ${pluralize(database.migrations, 'migration')}`
              : 'Unavailable — an admin should check the logs',
            inline: true,
          },
          { name: 'Servers', value: String(ctx.client.guilds.cache.size), inline: true },
          { name: 'Failures (last hour)', value: String(failures), inline: true },
          { name: 'Stored in', value: describeDatabasePlace(ctx.database) },
          {
            name: 'This process',
            value: `${processName()} · shards ${formatShardList(shards.owned)} of ${shards.count} · this server on shard ${interaction.guild?.shardId ?? 0}`,
          },
          { name: 'Fleet', value: describeFleet(fleet) },
          { name: 'Posts to deliver', value: describeDeliveries(posts), inline: false },
        );
      await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
    },
  },
);
