import { type EmbedBuilder, userMention } from 'discord.js';
import type { GoalStatus } from '../../db/schema.js';
import type { GoalWithItem } from '../../goals/goals-queries.js';
import { discordTime } from '../../shared/discord-time.js';
import { fitLines, truncate } from '../../shared/text.js';
import { waymarkEmbed } from '../embeds.js';

const DESCRIPTION_MAX = 4_096;

const STATUS_MARK: Record<GoalStatus, string> = { open: '⬜', done: '✅', missed: '✖️' };

/** `✅ Finish the decorators chapter · Decorators`, one line per goal. */
export function renderGoalLine(goal: GoalWithItem): string {
  const item = goal.item_label ? ` · _${truncate(goal.item_label, 80)}_` : '';
  return `${STATUS_MARK[goal.status]} ${goal.text}${item}`;
}

export function summarizeGoals(goals: readonly GoalWithItem[]): string {
  const done = goals.filter((goal) => goal.status === 'done').length;
  return `${done}/${goals.length} done`;
}

/** `/goal list`: a member's goals this week, one line each. */
export function renderGoalList(view: {
  userId: string;
  weekStartsAt: Date;
  goals: readonly GoalWithItem[];
  own: boolean;
}): EmbedBuilder {
  const { goals } = view;
  const empty = view.own ? 'No goals yet. Commit to one with `/goal set`.' : 'No goals set this week.';
  const header = `${userMention(view.userId)} · week of ${discordTime(view.weekStartsAt, 'D')} · ${summarizeGoals(goals)}`;
  // Only three goals are open at once, but a busy week can finish many more than fit one embed.
  const lines =
    goals.length > 0
      ? fitLines(
          goals.map(renderGoalLine),
          DESCRIPTION_MAX - header.length - 2,
          (hidden) => `…and ${hidden} more`,
        )
      : empty;
  return waymarkEmbed().setTitle('Goals this week').setDescription(`${header}\n\n${lines}`);
}
