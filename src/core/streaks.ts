import type { ActivityKind } from '../db/schema.js';
import { calendarWeekOf, weeksBetween } from '../shared/calendar-week.js';
import { pluralize } from '../shared/plural.js';

/**
 * What keeps a weekly streak alive: doing something on the roadmap, sharing, building, or
 * helping a peer. Asking for feedback and setting goals are intentions, not activity.
 */
export const STREAK_ACTIVITY_KINDS: ReadonlySet<ActivityKind> = new Set<ActivityKind>([
  'item_status',
  'learning_shared',
  'resource_added',
  'project_created',
  'project_updated',
  'feedback_given',
]);

export interface StreakState {
  /** Consecutive active weeks ending with `lastActiveWeek`. */
  currentWeeks: number;
  longestWeeks: number;
  /** The Monday (ISO date) of the latest active week. */
  lastActiveWeek: string;
}

/**
 * The streak after activity in `activeWeek`. Activity in a week already counted changes
 * nothing; activity dated before the last active week (a late write) cannot extend the
 * past, so it is ignored too.
 */
export function advanceStreak(previous: StreakState | undefined, activeWeek: string): StreakState {
  if (!previous) return { currentWeeks: 1, longestWeeks: 1, lastActiveWeek: activeWeek };
  const gap = weeksBetween(previous.lastActiveWeek, activeWeek);
  if (gap <= 0) return previous;
  const currentWeeks = gap === 1 ? previous.currentWeeks + 1 : 1;
  return {
    currentWeeks,
    longestWeeks: Math.max(previous.longestWeeks, currentWeeks),
    lastActiveWeek: activeWeek,
  };
}

export interface StreakSummary {
  current: number;
  longest: number;
}

/**
 * The streak as a member sees it during `currentWeek`: still alive while this week or last
 * week was active (this week is not over yet), broken once a whole week passed without any.
 */
export function streakAsOf(state: StreakState | undefined, currentWeek: string): StreakSummary {
  if (!state) return { current: 0, longest: 0 };
  const gap = weeksBetween(state.lastActiveWeek, currentWeek);
  return { current: gap <= 1 ? state.currentWeeks : 0, longest: state.longestWeeks };
}

/** What placing activity in a member's streak needs: the guild's weeks and the streak so far. */
export interface StreakContext {
  timeZone: string;
  state: StreakState | undefined;
}

/** The streak as shown at `at`, in the week of the context's zone. */
export function streakShownAt(context: StreakContext, at: Date): StreakSummary {
  return streakAsOf(context.state, calendarWeekOf(at, context.timeZone).start);
}

/** One line for replies and profiles: `🔥 3 weeks · longest 5 weeks`. */
export function describeStreak(streak: StreakSummary): string {
  return `🔥 ${pluralize(streak.current, 'week')} · longest ${pluralize(streak.longest, 'week')}`;
}
