import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config.js';

loadDotenv({ quiet: true });

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

async function shutdown(signal: NodeJS.Signals): Promise<void> {
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
