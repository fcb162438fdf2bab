import type { AppContext } from '../context.js';
import type { ItemStatus, Roadmap } from '../db/schema.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  type ItemWithPhase,
  listActiveItems,
} from '../roadmaps/followed-roadmap.js';
import { isFinished } from '../roadmaps/item-status.js';
import { countMemberFeedback, type FeedbackTally } from './feedback-queries.js';
import { findGoalsForWeek, type GoalWithItem } from './goals-queries.js';
import { findCurrentGuildWeek } from './guild-week.js';
import type { StreakSummary } from './streaks.js';
import { findMemberStreak } from './streaks-queries.js';

export interface PhaseProgress {
  title: string;
  finished: number;
  total: number;
}

export interface Journey {
  userId: string;
  roadmap: { roadmap: Roadmap; phases: PhaseProgress[] } | null;
  streak: StreakSummary;
  goals: GoalWithItem[];
  feedback: FeedbackTally;
}

/** Items per phase in roadmap order, finished as in every progress bar (done or skipped). */
export function summarizePhaseProgress(
  items: readonly ItemWithPhase[],
  statuses: ReadonlyMap<number, ItemStatus>,
): PhaseProgress[] {
  const phases = new Map<number, PhaseProgress & { position: number }>();
  for (const item of items) {
    const phase = phases.get(item.phase_id) ?? {
      title: item.phase_title,
      position: item.phase_position,
      finished: 0,
      total: 0,
    };
    phase.total += 1;
    if (isFinished(statuses.get(item.id) ?? 'todo')) phase.finished += 1;
    phases.set(item.phase_id, phase);
  }
  return [...phases.values()]
    .sort((a, b) => a.position - b.position)
    .map(({ title, finished, total }) => ({ title, finished, total }));
}

export async function loadJourney(ctx: AppContext, guildId: string, userId: string): Promise<Journey> {
  const week = await findCurrentGuildWeek(ctx, guildId);
  const roadmap = await findFollowedRoadmap(ctx.db, guildId, userId);
  const phases = roadmap
    ? summarizePhaseProgress(
        await listActiveItems(ctx.db, roadmap.id),
        await findMemberStatuses(ctx.db, userId, roadmap.id),
      )
    : [];
  return {
    userId,
    roadmap: roadmap ? { roadmap, phases } : null,
    streak: await findMemberStreak(ctx.db, guildId, userId, week.start),
    goals: await findGoalsForWeek(ctx.db, guildId, userId, week.start),
    feedback: await countMemberFeedback(ctx.db, guildId, userId),
  };
}
