import { Client, type ClientOptions, disableValidators, GatewayIntentBits, Options } from 'discord.js';
import type { Config } from '../config.js';
import type { IdentifyThrottler } from './identify-throttle.js';
import { NO_MENTIONS } from './mentions.js';

/**
 * Only non-privileged intents, so the bot works when installed with default settings:
 * Guilds for guild, channel and thread state; GuildMessages so replies in feedback threads
 * can be counted by author (their content stays empty without the privileged intent).
 */
export const GATEWAY_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] as const;

export interface DiscordClientOptions {
  /**
   * How IDENTIFYs wait for Discord's session start limit: discord.js's own throttle (this
   * process only) by default, or one built from Discord's `max_concurrency`.
   * `'none'` is for tests against the local double only: discord.js otherwise sleeps ~5 s
   * before re-identifying within 5 s of the previous IDENTIFY, which Discord would enforce
   * but the double does not unless told to.
   */
  identifyThrottle?: 'none' | ((maxConcurrency: number) => IdentifyThrottler);
  /** The shards a cluster process runs; otherwise all of them, as many as Discord recommends. */
  shards?: { ids: readonly number[]; count: number };
}

function identifyThrottlerOption(throttle: DiscordClientOptions['identifyThrottle']): Partial<ClientOptions> {
  if (throttle === undefined) return {};
  if (throttle === 'none') {
    return { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } };
  }
  return {
    ws: {
      buildIdentifyThrottler: async (manager) =>
        throttle((await manager.fetchGatewayInformation()).session_start_limit.max_concurrency),
    },
  };
}

export function createDiscordClient(config: Config, options: DiscordClientOptions = {}): Client {
  // discord.js's builders check every embed field, button and option as it is set (shapeshift):
  // ~0.2 ms of an /about's CPU, more than the rest of it. Waymark's views are fitted to Discord's
  // limits (src/shared/discord-limits.ts), Discord checks every payload anyway, and so does the
  // double in the tests; the checks only turned a bug into an exception a step earlier.
  disableValidators();
  return new Client({
    intents: [...GATEWAY_INTENTS],
    ...(options.shards
      ? { shards: [...options.shards.ids], shardCount: options.shards.count }
      : { shards: 'auto' as const }),
    ...identifyThrottlerOption(options.identifyThrottle),
    allowedMentions: NO_MENTIONS,
    rest: { api: config.discordApiUrl },
    // The bot reads nothing back from these caches; keeping them empty keeps memory flat
    // in large servers. Guilds, channels, threads and roles stay cached for permissions.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      StageInstanceManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      AutoModerationRuleManager: 0,
      GuildBanManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: {
        maxSize: 200,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: 1_000,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      threads: { interval: 3_600, lifetime: 86_400 },
    },
  });
}
