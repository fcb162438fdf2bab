import { type EmbedBuilder, userMention } from 'discord.js';
import { describeStreak } from '../../core/streaks.js';
import type { Journey } from '../../journey/journey.js';
import { overallLine, phaseOverviewLines } from '../../roadmaps/render-progress.js';
import { discordTime } from '../../shared/discord-time.js';
import { escapeMarkdown } from '../../shared/escape-markdown.js';
import { fitLines, truncate } from '../../shared/text.js';
import type { LearningWithItem } from '../../sharing/learnings-queries.js';
import { waymarkEmbed } from '../embeds.js';
import { renderGoalLine, summarizeGoals } from './goals-view.js';
import { projectLine } from './project-view.js';

/**
 * The phases' share of the embed: with the fields (each at most 1,024 characters, goals and
 * learnings far less) the whole embed stays under Discord's 6,000 characters.
 */
const PHASES_TEXT_LIMIT = 2_000;
const FIELD_VALUE_LIMIT = 1_024;
/** An imported roadmap's title is its file's `#` heading, of any length. */
const ROADMAP_TITLE_MAX_LENGTH = 150;
const PROJECTS_SHOWN = 5;
const LEARNING_TEXT_MAX_LENGTH = 100;

/** Room kept for the "…and N more" line. */

/** The first whole lines (at most `maxCount`) that fit `limit`, then how many were left out. */
/** The first `maxCount` lines that fit `limit`, then a line saying how many were left out. */
function fitFirstLines(
  lines: readonly string[],
  limit: number,
  maxCount: number,
  more: (hidden: number) => string,
): string {
  return fitLines(lines.slice(0, maxCount), limit, more, Math.max(0, lines.length - maxCount));
}

function fieldValue(lines: readonly string[], empty: string): string {
  return lines.length > 0 ? truncate(lines.join('\n'), FIELD_VALUE_LIMIT) : empty;
}

function learningLine(learning: LearningWithItem): string {
  const text = escapeMarkdown(truncate(learning.text.replace(/\s+/g, ' '), LEARNING_TEXT_MAX_LENGTH));
  return `${discordTime(learning.created_at, 'd')} ${text}`;
}

/** The same bars as `/roadmap view`, cut short (with a pointer to it) for very long roadmaps. */
function roadmapLines(journey: Journey): string[] {
  if (!journey.roadmap) return ['Not following a roadmap yet — `/roadmap follow` picks one.'];
  const { roadmap, phases } = journey.roadmap;
  return [
    `Following **${escapeMarkdown(truncate(roadmap.title ?? roadmap.name, ROADMAP_TITLE_MAX_LENGTH))}**`,
    overallLine(phases),
    '',
    fitFirstLines(
      phaseOverviewLines(phases),
      PHASES_TEXT_LIMIT,
      phases.length,
      (hidden) => `…and ${hidden} more phases (see \`/roadmap view\`)`,
    ),
  ];
}

/**
 * A member's profile in one embed: roadmap progress per phase, streak, this week's goals,
 * feedback, projects and recent learnings.
 */
export function renderJourneyEmbed(journey: Journey): EmbedBuilder {
  const { streak, goals, feedback, projects, recentLearnings } = journey;
  const projectsText = fitFirstLines(
    projects.map(projectLine),
    FIELD_VALUE_LIMIT,
    PROJECTS_SHOWN,
    (hidden) => `…and ${hidden} more (\`/project list\`)`,
  );
  return waymarkEmbed()
    .setTitle('Journey')
    .setDescription([userMention(journey.userId), '', ...roadmapLines(journey)].join('\n'))
    .addFields(
      {
        name: 'Weekly streak',
        value: describeStreak(streak),
        inline: true,
      },
      {
        name: 'Feedback',
        value: `given ${feedback.given} · received ${feedback.received} · ${feedback.openRequests} open requests`,
        inline: true,
      },
      {
        name: `Goals this week (${summarizeGoals(goals)})`,
        value: fieldValue(goals.map(renderGoalLine), 'No goals set this week.'),
      },
      { name: 'Projects', value: projectsText || 'No projects yet.' },
      {
        name: 'Recent learnings',
        value: fieldValue(recentLearnings.map(learningLine), 'Nothing shared yet.'),
      },
    );
}
