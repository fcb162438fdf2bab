import { type Client, Events } from 'discord.js';
import { COMMANDS } from '../commands/index.js';
import type { Config } from './config.js';
import { type AppContext, createFailureLog } from './context.js';
import { type DatabaseHandle, openDatabase } from './db/connection.js';
import { listMarkedDuplicates } from './db/marked-duplicates.js';
import { migrateToLatest } from './db/migrator.js';
import { createDiscordClient, type DiscordClientOptions } from './discord/client.js';
import type { SlashCommand } from './discord/command.js';
import { syncCommands } from './discord/command-sync.js';
import { databaseIdentifyThrottler } from './discord/identify-throttle.js';
import { registerAccountabilityGatewayHandlers } from './discord/listeners/thread-replies.js';
import { registerWelcome } from './discord/listeners/welcome.js';
import { createInteractionRouter, type InteractionRouter } from './discord/router.js';
import { ownedShards } from './discord/shards.js';
import { SCHEDULED_JOBS } from './jobs.js';
import { createLogger, type Logger } from './logger.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { type Clock, systemClock } from './shared/clock.js';
import { settleWithin } from './shared/settle-within.js';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** The registry by default; tests pass their own to exercise the pipeline itself. */
  commands?: readonly SlashCommand[];
  /**
   * `'fleet'` (default): IDENTIFYs take turns through the database with every process sharing
   * it. `'none'`: tests against the local double only, see `DiscordClientOptions.identifyThrottle`.
   */
  identifyThrottle?: 'fleet' | 'none';
  /**
   * A process of `npm run start:cluster`: it runs these shards, and the launcher has already
   * migrated the database and synced the commands, once for all processes.
   */
  cluster?: DiscordClientOptions['shards'];
}

export interface App {
  readonly context: AppContext;
  readonly client: Client;
  readonly database: DatabaseHandle;
  readonly router: InteractionRouter;
  readonly scheduler: Scheduler;
  /** Migrates, connects, syncs commands and starts the scheduler. Resolves once READY. */
  start(): Promise<void>;
  /** Finishes in-flight work (bounded), then disconnects and closes the database. */
  stop(): Promise<void>;
}

/**
 * Shutdown fits in 5 s whatever state the bot is in: 3 s for interactions and jobs under way
 * (what is cut short is resumed by the next start: the outbox, digest claims), 1 s to say
 * goodbye to the gateway, which an unreachable Discord would never answer.
 */
const DRAIN_TIMEOUT_MS = 3_000;
const DISCONNECT_TIMEOUT_MS = 1_000;

/**
 * The composition root: the only place that wires config, database, client, router and
 * scheduler together. `npm start` and the end-to-end tests both come through here.
 */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = openDatabase(config.database);
  const client = createDiscordClient(config, {
    identifyThrottle:
      options.identifyThrottle === 'none'
        ? 'none'
        : (maxConcurrency) => databaseIdentifyThrottler(database.db, { maxConcurrency, logger }),
    ...(options.cluster ? { shards: options.cluster } : {}),
  });
  const context: AppContext = {
    config,
    db: database.db,
    database,
    logger,
    clock,
    client,
    startedAt: clock.now(),
    failures: createFailureLog(),
    shards: () => ownedShards(client),
  };
  const commands = options.commands ?? COMMANDS;
  const router = createInteractionRouter(commands, context);
  const scheduler = createScheduler(context, SCHEDULED_JOBS);

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  registerAccountabilityGatewayHandlers(context);
  registerWelcome(context);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));

  let stopped = false;

  return {
    context,
    client,
    database,
    router,
    scheduler,
    async start() {
      await database.connect();
      const migrations = options.cluster ? [] : await migrateToLatest(database.db);
      if (migrations.length > 0) {
        logger.info({ migrations }, 'database migrated');
        const duplicates = await listMarkedDuplicates(database.db);
        if (duplicates.length > 0) {
          logger.warn(
            { duplicates },
            'duplicates from before links and project titles were unique are kept, marked',
          );
        }
      }
      const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(config.discordToken);
      const readyClient = await ready;
      logger.info(
        { user: readyClient.user.tag, guilds: readyClient.guilds.cache.size },
        'connected to Discord',
      );
      if (!options.cluster) {
        const definitions = commands.map((command) => command.data);
        await syncCommands(
          client.rest,
          readyClient.application.id,
          config.discordGuildId,
          definitions,
          logger,
        );
      }
      scheduler.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all([scheduler.stop(DRAIN_TIMEOUT_MS), router.drain(DRAIN_TIMEOUT_MS)]);
      if (!(await settleWithin(client.destroy(), DISCONNECT_TIMEOUT_MS))) {
        logger.warn('the gateway did not close in time');
      }
      await database.close();
      logger.info('stopped');
    },
  };
}
