import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble, type DiscordDoubleOptions } from '@waymark/discord-double';
import type { APIUser } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { SlashCommand } from '../../src/discord/command.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import { testDatabaseTarget } from './database.js';
import { refuseInFastProject } from './project.js';

export const TEST_TOKEN = 'test-bot-token';

export interface TestBot {
  double: DiscordDouble;
  app: App;
  ctx: AppContext;
  /** Stops the bot (as SIGTERM would) and, unless it was passed in, the double. */
  stop(): Promise<void>;
}

export interface TestBotOptions {
  clock?: Clock;
  /**
   * A file path to share or keep the database across bots (on PostgreSQL, a database that
   * stands for it); a fresh database otherwise.
   */
  databasePath?: string;
  /** An already running double, e.g. to restart the bot against the same Discord. */
  double?: DiscordDouble;
  doubleOptions?: DiscordDoubleOptions;
  config?: Partial<Config>;
  commands?: readonly SlashCommand[];
  /** `'none'` for tests that make the bot re-IDENTIFY within 5 s (see the double's README). */
  identifyThrottle?: AppOptions['identifyThrottle'];
  /** Some of the shards, as a cluster process runs them (the database migrated and commands synced already). */
  cluster?: AppOptions['cluster'];
  /** Silent by default; pass one to capture what the bot logs. */
  logger?: Logger;
}

export function testConfig(double: DiscordDouble, overrides: Partial<Config> = {}): Config {
  return {
    discordToken: TEST_TOKEN,
    discordGuildId: null,
    discordApiUrl: double.restUrl,
    database: { dialect: 'sqlite', path: ':memory:' },
    defaultTimezone: 'UTC',
    logLevel: 'silent',
    // Never the repository's ./data: a test that enables backups passes its own folder.
    backupDir: join(tmpdir(), 'waymark-test-backups'),
    backupDaily: false,
    backupRetentionDays: 14,
    ...overrides,
  };
}

/**
 * Starts the real bot through the composition root, against a local Discord double, and
 * resolves once it is connected and its commands are registered.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  refuseInFastProject('startTestBot');
  const double =
    options.double ?? (await DiscordDouble.start({ token: TEST_TOKEN, ...options.doubleOptions }));
  const database = await testDatabaseTarget(options.databasePath);
  const config = testConfig(double, { database: database.target, ...options.config });
  const app = createApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.identifyThrottle ? { identifyThrottle: options.identifyThrottle } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
  });
  await app.start();
  await app.scheduler.settled;
  return {
    double,
    app,
    ctx: app.context,
    async stop() {
      await app.stop();
      await database.drop();
      if (!options.double) await double.close();
    },
  };
}

/**
 * Starts the bot again against the same double and database, as a restarted process would,
 * stopping the old app first unless the test already has (to change files in between). `bot` is
 * updated in place, so a `useTestBot` object stays valid, and its `stop` still closes the double
 * when the bot started it.
 */
export async function restartTestBot(
  bot: TestBot,
  options: Omit<TestBotOptions, 'double'> = {},
): Promise<void> {
  const stopBefore = bot.stop;
  await bot.app.stop();
  const restarted = await startTestBot({ ...options, double: bot.double });
  Object.assign(bot, {
    app: restarted.app,
    ctx: restarted.ctx,
    async stop() {
      await restarted.app.stop();
      await stopBefore();
    },
  });
}

/**
 * One bot for the enclosing `describe` (or file): started before its first test (from `options`,
 * or by `start` for a bot with extras), then `setup`; stopped after its last test; and after each
 * test the double must have seen no call it does not know. Tests sharing it keep apart by guild
 * or member (`addTestGuild`), not by restarting. The object is filled in once the bot has started.
 */
export function useTestBot<T extends TestBot = TestBot>(
  start: TestBotOptions | (() => Promise<T>) = {},
  setup?: (bot: T) => Promise<void> | void,
): T {
  const bot = {} as T;
  beforeAll(async () => {
    Object.assign(bot, typeof start === 'function' ? await start() : await startTestBot(start));
    await setup?.(bot);
  });
  afterAll(async () => {
    // Unset when the start failed, which is the failure worth reading.
    await bot.stop?.();
  });
  afterEach(() => {
    bot.double.assertNoUnhandledRequests();
  });
  return bot;
}

export interface TestGuild {
  id: string;
  /** Its #general, where the guild's interactions come from. */
  channelId: string;
  /** Has the admin role (Manage Server), like the double's seeded `admin`. */
  admin: APIUser;
  member: APIUser;
}

/** A guild of its own, with an admin and a member, so a test on a shared bot starts from nothing. */
export function addTestGuild(double: DiscordDouble): TestGuild {
  const guild = double.addGuild();
  const [general] = double.state.guildChannels(guild.id);
  if (!general) throw new Error('the double created a guild without #general');
  const admin = addTestMember(
    double,
    { username: 'admin' },
    { guildId: guild.id, roles: [guild.adminRoleId] },
  );
  const member = addTestMember(double, { username: 'member' }, { guildId: guild.id });
  return { id: guild.id, channelId: general.id, admin, member };
}

/** A new user who is a member of the double's guild (or of `member.guildId`). */
export function addTestMember(
  double: DiscordDouble,
  user: Parameters<DiscordDouble['addUser']>[0],
  member: Parameters<DiscordDouble['addMember']>[1] = {},
): APIUser {
  const added = double.addUser(user);
  double.addMember(added.id, member);
  return added;
}
