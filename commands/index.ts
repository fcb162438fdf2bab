import type { SlashCommand } from '../src/discord/command.js';
import { aboutCommand } from './about.js';
import { checkCommand } from './check.js';
import { digestCommand } from './digest.js';
import { feedbackCommand } from './feedback.js';
import { goalCommand } from './goal.js';
import { helpCommand } from './help.js';
import { journeyCommand } from './journey.js';
import { learnedCommand } from './learned.js';
import { learningsCommand } from './learnings.js';
import { privacyCommand } from './privacy.js';
import { projectCommand } from './project.js';
import { resourcesCommand } from './resources.js';
import { roadmapCommand } from './roadmap.js';
import { settingsCommand } from './settings.js';
import { uncheckCommand } from './uncheck.js';

/** Every slash command the bot registers and routes; one explicit list, no folder scanning. */
export const COMMANDS: readonly SlashCommand[] = [
  roadmapCommand,
  checkCommand,
  uncheckCommand,
  learnedCommand,
  learningsCommand,
  resourcesCommand,
  projectCommand,
  feedbackCommand,
  goalCommand,
  journeyCommand,
  settingsCommand,
  privacyCommand,
  digestCommand,
  aboutCommand,
  helpCommand,
];

export const COMMAND_DEFINITIONS = COMMANDS.map((command) => command.data);
