import type { GoalStatus } from '../db/schema.js';
import { truncate } from '../shared/text.js';
import type { GoalWithItem } from './goals-queries.js';

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
