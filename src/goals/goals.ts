import type { AppContext } from '../context.js';
import { findCurrentGuildWeek } from '../core/guild-week.js';
import type { Goal } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { CalendarWeek } from '../shared/calendar-week.js';
import { assertReadableText } from '../shared/input.js';
import { UserError } from '../shared/user-error.js';
import { completeGoal, countOpenGoals, createGoal, findGoal } from './goals-queries.js';

/** A few commitments keep a week focused; more turn into a to-do list. */
export const MAX_OPEN_GOALS_PER_WEEK = 3;
export const GOAL_TEXT_MAX_LENGTH = 200;

export interface Member {
  guildId: string;
  userId: string;
}

export async function setWeeklyGoal(
  ctx: AppContext,
  member: Member,
  input: { text: string; itemId: number | null },
): Promise<{ goal: Goal; openCount: number; week: CalendarWeek }> {
  const text = input.text.trim();
  if (text.length === 0)
    throw new UserError('A goal needs a few words, e.g. “finish the decorators chapter”.');
  if (text.length > GOAL_TEXT_MAX_LENGTH) {
    throw new UserError(
      `Keep a goal within ${GOAL_TEXT_MAX_LENGTH} characters (yours has ${text.length}); a short goal is easier to keep.`,
    );
  }
  assertReadableText(text, 'A goal');
  const week = await findCurrentGuildWeek(ctx, member.guildId);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const open = await countOpenGoals(trx, member.guildId, member.userId, week.start);
    if (open >= MAX_OPEN_GOALS_PER_WEEK) {
      throw new UserError(
        `You already have ${MAX_OPEN_GOALS_PER_WEEK} open goals this week. Finish one with /goal done before adding another.`,
      );
    }
    const goal = await createGoal(
      trx,
      {
        guild_id: member.guildId,
        user_id: member.userId,
        text,
        item_id: input.itemId,
        week_start: week.start,
        week_end_at: week.endsAt.toISOString(),
        created_at: now,
      },
      ctx.config.defaultTimezone,
    );
    return { goal, openCount: open + 1, week };
  });
}

/** Parses the `goal` option (an id offered by autocomplete, or whatever the member typed). */
export function parseGoalOption(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new UserError('Pick one of your goals from the list that appears as you type.');
  }
  return id;
}

export async function completeWeeklyGoal(ctx: AppContext, member: Member, goalId: number): Promise<Goal> {
  const now = ctx.clock.now();
  const goal = await findGoal(ctx.db, member.guildId, goalId);
  if (!goal || goal.user_id !== member.userId) {
    throw new UserError('That is not one of your goals. Pick one from the list that appears as you type.');
  }
  if (goal.status === 'done') throw new UserError(`“${goal.text}” is already done. Nice!`);
  const weekIsOver = goal.status === 'missed' || goal.week_end_at <= now.toISOString();
  const done = weekIsOver
    ? undefined
    : await completeGoal(ctx.db, { id: goal.id, at: now }, ctx.config.defaultTimezone);
  if (!done) {
    throw new UserError(
      `The week for “${goal.text}” is over, so it counts as missed. Set a fresh one with /goal set.`,
    );
  }
  return done;
}
