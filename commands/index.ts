import type { SlashCommand } from '../src/discord/command.js';
import { aboutCommand } from './about.js';
import { digestCommand } from './digest.js';

/** Every slash command the bot registers and routes; one explicit list, no folder scanning. */
export const COMMANDS: readonly SlashCommand[] = [aboutCommand, digestCommand];

export const COMMAND_DEFINITIONS = COMMANDS.map((command) => command.data);
