import { loadConfig } from '../../src/config.js';
import { type AppContext, createFailureLog } from '../../src/context.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { createDiscordClient } from '../../src/discord/client.js';
import { createLogger } from '../../src/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import { EVERY_SERVER } from '../../src/shared/shards.js';

/** A real AppContext over a test database; its Discord client is never connected. */
export function createTestContext(handle: DatabaseHandle, clock: Clock, defaultTimezone = 'UTC'): AppContext {
  const config = loadConfig({
    DISCORD_TOKEN: 'test-token',
    DEFAULT_TIMEZONE: defaultTimezone,
    LOG_LEVEL: 'silent',
  });
  return {
    config,
    db: handle.db,
    database: handle,
    logger: createLogger('silent'),
    clock,
    client: createDiscordClient(config),
    startedAt: clock.now(),
    failures: createFailureLog(),
    shards: () => EVERY_SERVER,
  };
}
