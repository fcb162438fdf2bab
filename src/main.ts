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
const app = createApp(config);
const { logger } = app.context;

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
} catch (error) {
  logger.fatal({ err: error }, 'startup failed');
  await app.stop().catch(() => undefined);
  fail(`startup failed: ${error instanceof Error ? error.message : String(error)}`);
}
