import { REST } from 'discord.js';
import { type APIApplication, Routes } from 'discord-api-types/v10';
import { config as loadDotenv } from 'dotenv';
import { COMMAND_DEFINITIONS } from '../../commands/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { syncCommands } from '../discord/command-sync.js';
import { createLogger } from '../logger.js';

loadDotenv({ quiet: true });
try {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const result = await syncCommands(rest, application.id, config.discordGuildId, COMMAND_DEFINITIONS, logger);
  process.stdout.write(
    `${result.changed ? 'updated' : 'unchanged'}: ${COMMAND_DEFINITIONS.length} commands (${result.scope})\n`,
  );
} catch (error) {
  process.stderr.write(
    `waymark: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
