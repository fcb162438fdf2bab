import { Events, type Guild } from 'discord.js';
import type { AppContext } from '../../context.js';
import { buildSetupChecklist } from '../../onboarding/setup-checklist.js';
import type { ChannelPermission } from '../../shared/discord-permissions.js';
import { missingPermissions } from '../channel-permissions.js';
import { loadCommandMentions } from '../command-mentions.js';
import { NO_MENTIONS } from '../mentions.js';
import { gatherSetupFacts } from '../setup-facts.js';
import { renderWelcomeEmbed } from '../views/help-view.js';

/** The welcome is one embed in the system channel. */
export const WELCOME_CHANNEL_PERMISSIONS: readonly ChannelPermission[] = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
];

/**
 * Posts the setup checklist when Waymark joins a server. discord.js emits `guildCreate` only
 * for a guild it did not know once READY: the guilds of a start, a resume or a new session
 * arrive before READY or are already cached (`guildAvailable`), so none of those re-post.
 */
export function registerWelcome(ctx: AppContext): void {
  ctx.client.on(Events.GuildCreate, (guild) => {
    postWelcome(ctx, guild).catch((error: unknown) =>
      ctx.logger.warn({ err: error, guildId: guild.id }, 'could not post the welcome message'),
    );
  });
}

async function postWelcome(ctx: AppContext, guild: Guild): Promise<void> {
  const channel = guild.systemChannel;
  if (!channel) {
    ctx.logger.info({ guildId: guild.id }, 'joined a server with no system channel: no welcome posted');
    return;
  }
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = missingPermissions(channel.permissionsFor(me), WELCOME_CHANNEL_PERMISSIONS);
  if (missing.length > 0) {
    ctx.logger.info(
      { guildId: guild.id, channelId: channel.id, missing },
      'joined a server whose system channel Waymark may not post in: no welcome posted',
    );
    return;
  }
  const [facts, mention] = await Promise.all([gatherSetupFacts(ctx, guild), loadCommandMentions(ctx)]);
  await channel.send({
    embeds: [renderWelcomeEmbed(mention, buildSetupChecklist(facts, mention))],
    allowedMentions: NO_MENTIONS,
  });
  ctx.logger.info({ guildId: guild.id, channelId: channel.id }, 'welcome posted');
}
