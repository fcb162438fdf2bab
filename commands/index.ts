import type { SlashCommand } from '../src/discord/command.js';
import { aboutCommand } from './about.js';
import { checkCommand } from './check.js';
import { digestCommand } from './digest.js';
import { roadmapCommand } from './roadmap.js';
import { uncheckCommand } from './uncheck.js';

/** Every slash command the bot registers and routes; one explicit list, no folder scanning. */
export const COMMANDS: readonly SlashCommand[] = [
  aboutCommand,
  roadmapCommand,
  checkCommand,
  uncheckCommand,
  digestCommand,
];

export const COMMAND_DEFINITIONS = COMMANDS.map((command) => command.data);
