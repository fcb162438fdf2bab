import { InteractionContextType, MessageFlags } from 'discord.js';
import { listRecentHeartbeats } from '../src/core/fleet.js';
import { countDeliveries } from '../src/core/outbox.js';
import { checkDatabaseHealth } from '../src/db/health.js';
import { defineCommand } from '../src/discord/command.js';
import { embedAsIs } from '../src/discord/embeds.js';
import { renderAboutEmbed } from '../src/discord/views/about-view.js';
import { fleetStatus } from '../src/shared/fleet-status.js';
import { processName } from '../src/shared/process-name.js';
import { WAYMARK_VERSION } from '../src/version.js';

const HOUR_MS = 60 * 60 * 1000;

export const aboutCommand = defineCommand(
  {
    name: 'about',
    description: 'Waymark’s version, uptime, connection and database status',
    contexts: [InteractionContextType.Guild],
  },
  {
    async execute(interaction, ctx) {
      const now = ctx.clock.now();
      // The health probe's round trip is shown, so it is timed alone; the other two reads run at
      // once (on PostgreSQL each is a round trip on a connection of its own).
      const database = await checkDatabaseHealth(ctx.db);
      const [heartbeats, posts] = await Promise.all([
        listRecentHeartbeats(ctx.db, now),
        countDeliveries(ctx.db, interaction.guildId, interaction.user.id),
      ]);
      const shards = ctx.shards();
      const embed = renderAboutEmbed({
        version: WAYMARK_VERSION,
        startedAt: ctx.startedAt,
        pingMs: ctx.client.ws.ping,
        database,
        place: {
          dialect: ctx.database.dialect,
          location: ctx.database.location,
          pool: ctx.database.connections(),
        },
        servers: ctx.client.guilds.cache.size,
        failuresLastHour: ctx.failures.countSince(new Date(now.getTime() - HOUR_MS)),
        processName: processName(),
        shards,
        serverShard: interaction.guild?.shardId ?? 0,
        fleet: fleetStatus(heartbeats, shards.count, now),
        posts,
      });
      await interaction.reply({ embeds: [embedAsIs(embed)], flags: MessageFlags.Ephemeral });
    },
  },
);
