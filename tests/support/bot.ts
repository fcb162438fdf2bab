import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble, type DiscordDoubleOptions } from '@waymark/discord-double';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { SlashCommand } from '../../src/discord/command.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Clock } from '../../src/shared/clock.js';
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
  /** A file path to share or keep the database across bots; in memory otherwise. */
  databasePath?: string;
  /** An already running double, e.g. to restart the bot against the same Discord. */
  double?: DiscordDouble;
  doubleOptions?: DiscordDoubleOptions;
  config?: Partial<Config>;
  commands?: readonly SlashCommand[];
  /** `'none'` for tests that make the bot re-IDENTIFY within 5 s (see the double's README). */
  identifyThrottle?: AppOptions['identifyThrottle'];
  /** Silent by default; pass one to capture what the bot logs. */
  logger?: Logger;
}

export function testConfig(double: DiscordDouble, overrides: Partial<Config> = {}): Config {
  return {
    discordToken: TEST_TOKEN,
    discordGuildId: null,
    discordApiUrl: double.restUrl,
    databasePath: ':memory:',
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
  const config = testConfig(double, {
    ...(options.databasePath ? { databasePath: options.databasePath } : {}),
    ...options.config,
  });
  const app = createApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.identifyThrottle ? { identifyThrottle: options.identifyThrottle } : {}),
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
      if (!options.double) await double.close();
    },
  };
}
