import type { AppContext } from '../context.js';
import type { StreakSummary } from '../core/streaks.js';
import { streakShownAt } from '../core/streaks.js';
import { findStreakContext } from '../core/streaks-queries.js';
import type { Project, Roadmap } from '../db/schema.js';
import { countMemberFeedback, type FeedbackTally } from '../feedback/feedback-queries.js';
import { findGoalsForWeek, type GoalWithItem } from '../goals/goals-queries.js';
import { findFollowedRoadmap, findMemberStatuses, listActiveItems } from '../roadmaps/followed-roadmap.js';
import { type PhaseSummary, summarizePhases } from '../roadmaps/render-progress.js';
import { listActivePhases } from '../roadmaps/roadmap-queries.js';
import { calendarWeekOf } from '../shared/calendar-week.js';
import { type LearningWithItem, searchLearnings } from '../sharing/learnings-queries.js';
import { listMemberProjects } from '../sharing/projects-queries.js';

export interface Journey {
  userId: string;
  roadmap: { roadmap: Roadmap; phases: PhaseSummary[] } | null;
  streak: StreakSummary;
  goals: GoalWithItem[];
  feedback: FeedbackTally;
  /** Active first, then planned, paused and done. */
  projects: Project[];
  recentLearnings: LearningWithItem[];
}

const RECENT_LEARNINGS = 3;

async function loadRoadmapProgress(
  ctx: AppContext,
  guildId: string,
  userId: string,
): Promise<Journey['roadmap']> {
  const roadmap = await findFollowedRoadmap(ctx.db, guildId, userId);
  if (!roadmap) return null;
  const [phases, items, statuses] = await Promise.all([
    listActivePhases(ctx.db, roadmap.id),
    listActiveItems(ctx.db, roadmap.id),
    findMemberStatuses(ctx.db, userId, roadmap.id),
  ]);
  return { roadmap, phases: summarizePhases(phases, items, (itemId) => statuses.get(itemId) ?? 'todo') };
}

export async function loadJourney(ctx: AppContext, guildId: string, userId: string): Promise<Journey> {
  const now = ctx.clock.now();
  // The server's zone places this week for the goals as for the streak: one statement reads both.
  const streakContext = await findStreakContext(ctx.db, { guildId, userId }, ctx.config.defaultTimezone);
  const week = calendarWeekOf(now, streakContext.timeZone);
  return {
    userId,
    roadmap: await loadRoadmapProgress(ctx, guildId, userId),
    streak: streakShownAt(streakContext, now),
    goals: await findGoalsForWeek(ctx.db, guildId, userId, week.start),
    feedback: await countMemberFeedback(ctx.db, guildId, userId),
    projects: await listMemberProjects(ctx.db, guildId, userId),
    recentLearnings: (
      await searchLearnings(ctx.db, { guildId, userId }, { limit: RECENT_LEARNINGS, offset: 0 })
    ).learnings,
  };
}
