/**
 * `npm run start:cluster`: Waymark as several processes on one machine, each running some of
 * the shards (discord-hybrid-sharding). The launcher migrates the database and syncs the slash
 * commands once, then starts the processes (src/main.ts, which skips both), restarts one that
 * dies, and on SIGTERM or SIGINT stops them all, each finishing its in-flight work.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { REST } from 'discord.js';
import { type APIApplication, type APIGatewayBotInfo, Routes } from 'discord-api-types/v10';
import { ClusterManager } from 'discord-hybrid-sharding';
import { config as loadDotenv } from 'dotenv';
import { COMMAND_DEFINITIONS } from '../commands/index.js';
import { type ClusterConfig, ConfigError, loadClusterConfig, loadConfig } from './config.js';
import { type Dialect, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrator.js';
import { syncCommands } from './discord/command-sync.js';
import { IDENTIFY_INTERVAL_MS } from './discord/identify-throttle.js';
import { createLogger } from './logger.js';
import { formatShardList, parseShardList, ShardListError } from './shared/shards.js';

loadDotenv({ quiet: true });

function fail(message: string): never {
  process.stderr.write(`waymark: ${message}\n`);
  process.exit(1);
}

/** A process that dies more often than this in an hour is left down: something is wrong with it. */
const RESTARTS_PER_HOUR = 10;

export interface ClusterPlan {
  shardCount: number;
  shardList: number[];
  shardsPerProcess: number;
  /** Between process starts, so that their IDENTIFYs respect `max_concurrency`. */
  spawnDelayMs: number;
}

/**
 * Checks the environment against what Discord says; throws a one-line ConfigError. A machine
 * may run part of the shards only on PostgreSQL, which other machines can share.
 */
export function planCluster(
  cluster: ClusterConfig,
  gateway: Pick<APIGatewayBotInfo, 'shards' | 'session_start_limit'>,
  cores: number,
  dialect: Dialect,
): ClusterPlan {
  const shardCount = cluster.shardCount ?? gateway.shards;
  let shardList: number[];
  try {
    shardList = parseShardList(cluster.shardList, shardCount);
  } catch (error) {
    if (error instanceof ShardListError) throw new ConfigError(`SHARD_LIST ${error.message}`);
    throw error;
  }
  if (shardList.length < shardCount && dialect === 'sqlite') {
    throw new ConfigError(
      `SHARD_LIST ${formatShardList(shardList)} leaves out some of the ${shardCount} shards: SQLite serves one machine, so one launcher runs them all (0-${shardCount - 1})`,
    );
  }
  const shardsPerProcess = cluster.shardsPerProcess ?? Math.ceil(shardList.length / cores);
  const concurrency = gateway.session_start_limit.max_concurrency;
  const spawnDelayMs =
    concurrency >= shardCount ? 0 : IDENTIFY_INTERVAL_MS * Math.ceil(shardsPerProcess / concurrency);
  return { shardCount, shardList, shardsPerProcess, spawnDelayMs };
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  let cluster: ClusterConfig;
  try {
    config = loadConfig(process.env);
    cluster = loadClusterConfig(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  const logger = createLogger(config.logLevel);
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const gateway = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  let plan: ClusterPlan;
  try {
    plan = planCluster(cluster, gateway, availableParallelism(), config.database.dialect);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }

  // Once for the fleet, before any process starts: processes never race to migrate.
  const database = openDatabase(config.database);
  await database.connect();
  const migrations = await migrateToLatest(database.db);
  await database.close();
  if (migrations.length > 0) logger.info({ migrations }, 'database migrated');
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  await syncCommands(rest, application.id, config.discordGuildId, COMMAND_DEFINITIONS, logger);

  const manager = new ClusterManager(fileURLToPath(new URL('./main.js', import.meta.url)), {
    mode: 'process',
    token: config.discordToken,
    totalShards: plan.shardCount,
    shardList: plan.shardList,
    shardsPerClusters: plan.shardsPerProcess,
    respawn: true,
    restarts: { max: RESTARTS_PER_HOUR, interval: 60 * 60_000 },
  });
  manager.on('clusterCreate', (started) => {
    logger.info({ cluster: started.id, shards: formatShardList(started.shardList) }, 'process started');
    started.on('death', (dead) =>
      logger.warn(
        { cluster: dead.id, shards: formatShardList(dead.shardList) },
        'process died; restarting it',
      ),
    );
  });

  let stopping = false;
  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping every process');
    manager.respawn = false;
    const children = [...manager.clusters.values()]
      .map((running) => running.thread?.process)
      .filter((child): child is ChildProcess => child !== undefined && child !== null);
    // Each process drains on SIGTERM as `npm start` does, then exits.
    const exits = children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined));
    for (const running of manager.clusters.values()) running.kill({ force: true, reason: signal });
    await Promise.all(exits);
    logger.info('stopped');
    process.exit(0);
  }
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));

  logger.info(
    {
      shards: `${formatShardList(plan.shardList)} of ${plan.shardCount}`,
      perProcess: plan.shardsPerProcess,
      processes: Math.ceil(plan.shardList.length / plan.shardsPerProcess),
    },
    'starting processes',
  );
  await manager.spawn({ timeout: -1, delay: plan.spawnDelayMs });
}

// Imported by tests for planCluster; run when started as a program.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main().catch((error: unknown) =>
    fail(`startup failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}
