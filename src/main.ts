import { setFlagsFromString } from 'node:v8';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config.js';

/**
 * After each full collection V8 lets the old generation grow to up to 4× what survived before it
 * collects again. Most of what a busy bot promotes there is the garbage of finished interactions
 * (64 in flight outlive a young-generation collection), so after 10,000 /checks in 1,000 servers
 * the old generation held ~110 MB for ~35 MB of live objects. 1.5× keeps it under ~50 MB for a full
 * collection every ~1,000 /checks instead (~0.03 ms of pauses per /check).
 * A `--heap-growing-percent` given to node wins.
 */
const HEAP_GROWING_PERCENT = 50;
if (!process.execArgv.some((flag) => flag.replaceAll('_', '-').startsWith('--heap-growing-percent'))) {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

loadDotenv({ quiet: true });

// A reader that went away (EPIPE) must not crash or stall the bot: what cannot be written is lost.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

function fail(message: string): never {
  process.stderr.write(`waymark: ${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

// Loaded only once the configuration is valid, so a bad .env fails in well under a second.
const { createApp } = await import('./app.js');
// Started by `npm run start:cluster` (src/cluster.ts): the launcher says which shards to run.
const inCluster = process.env.CLUSTER_MANAGER_MODE === 'process';
// `.default` is the CommonJS module itself, under Node and in the bundle alike (scripts/build.mjs):
// a bundle split into chunks keeps no named exports on a dynamically imported CommonJS module.
const hybrid = inCluster ? (await import('discord-hybrid-sharding')).default : undefined;
const clusterInfo = hybrid?.getInfo();
const app = createApp(
  config,
  clusterInfo ? { cluster: { ids: clusterInfo.SHARD_LIST, count: clusterInfo.TOTAL_SHARDS } } : {},
);
const { logger } = app.context;
// The launcher's respawn and its spawn queue hear from the process through this.
const clusterClient = hybrid ? new hybrid.ClusterClient(app.client) : undefined;

/** A service manager kills what has not stopped after a grace period; Waymark stops before that. */
const SHUTDOWN_LIMIT_MS = 4_500;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  // Whatever hangs (a database that does not close, a log that cannot be written), the process ends.
  setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS);
  logger.info({ signal }, 'shutting down');
  try {
    await app.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

process.once('SIGINT', (signal) => void shutdown(signal));
process.once('SIGTERM', (signal) => void shutdown(signal));
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

try {
  await app.start();
  clusterClient?.triggerReady();
} catch (error) {
  logger.fatal({ err: error }, 'startup failed');
  await app.stop().catch(() => undefined);
  fail(`startup failed: ${error instanceof Error ? error.message : String(error)}`);
}
