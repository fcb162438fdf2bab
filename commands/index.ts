import type { SlashCommand } from '../src/discord/command.js';
import { aboutCommand } from './about.js';
import { feedbackCommand } from './feedback.js';
import { goalCommand } from './goal.js';
import { journeyCommand } from './journey.js';
import { settingsCommand } from './settings.js';

/** Every slash command the bot registers and routes; one explicit list, no folder scanning. */
export const COMMANDS: readonly SlashCommand[] = [
  aboutCommand,
  feedbackCommand,
  goalCommand,
  journeyCommand,
  settingsCommand,
];

export const COMMAND_DEFINITIONS = COMMANDS.map((command) => command.data);
