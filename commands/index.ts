import type { SlashCommand } from '../src/discord/command.js';
import { aboutCommand } from './about.js';
import { checkCommand } from './check.js';
import { feedbackCommand } from './feedback.js';
import { goalCommand } from './goal.js';
import { journeyCommand } from './journey.js';
import { roadmapCommand } from './roadmap.js';
import { settingsCommand } from './settings.js';
import { uncheckCommand } from './uncheck.js';

/** Every slash command the bot registers and routes; one explicit list, no folder scanning. */
export const COMMANDS: readonly SlashCommand[] = [
  aboutCommand,
  roadmapCommand,
  checkCommand,
  uncheckCommand,
  feedbackCommand,
  goalCommand,
  journeyCommand,
  settingsCommand,
];

export const COMMAND_DEFINITIONS = COMMANDS.map((command) => command.data);
