import { type EmbedBuilder, escapeMarkdown, userMention } from 'discord.js';
import { waymarkEmbed } from '../discord/embeds.js';
import { chunkLines } from '../discord/pagination.js';
import { renderProgressBar } from '../roadmaps/progress-bar.js';
import { truncate } from '../shared/text.js';
import { renderGoalLine, summarizeGoals } from './goals-view.js';
import type { Journey } from './journey.js';
import { describeStreak } from './streaks.js';

const PHASE_TITLE_MAX_LENGTH = 80;
/** Leaves room in the 4,096-character description for the header and the "more phases" line. */
const PHASES_TEXT_LIMIT = 3_600;
const FIELD_VALUE_LIMIT = 1_024;

function roadmapLines(journey: Journey): string[] {
  if (!journey.roadmap) return ['Not following a roadmap yet — `/roadmap follow` picks one.'];
  const { roadmap, phases } = journey.roadmap;
  const finished = phases.reduce((sum, phase) => sum + phase.finished, 0);
  const total = phases.reduce((sum, phase) => sum + phase.total, 0);
  const phaseLines = phases.map(
    (phase) =>
      `${renderProgressBar(phase.finished, phase.total)} · ${escapeMarkdown(truncate(phase.title, PHASE_TITLE_MAX_LENGTH))}`,
  );
  const [shown = []] = chunkLines(phaseLines, PHASES_TEXT_LIMIT);
  const hidden = phaseLines.length - shown.length;
  return [
    `**${escapeMarkdown(roadmap.title ?? roadmap.name)}** ${renderProgressBar(finished, total)}`,
    '',
    ...shown,
    ...(hidden > 0 ? [`…and ${hidden} more phases (see \`/roadmap view\`)`] : []),
  ];
}

/** A member's profile in one embed: roadmap progress per phase, streak, this week's goals, feedback. */
export function renderJourneyEmbed(journey: Journey): EmbedBuilder {
  const { streak, goals, feedback } = journey;
  const goalLines = goals.length > 0 ? goals.map(renderGoalLine) : ['No goals set this week.'];
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
        value: truncate(goalLines.join('\n'), FIELD_VALUE_LIMIT),
      },
    );
}
