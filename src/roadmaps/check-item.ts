import { type StreakSummary, streakShownAt } from '../core/streaks.js';
import { findCurrentStreak } from '../core/streaks-queries.js';
import type { Db } from '../db/connection.js';
import type { ItemStatus } from '../db/schema.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
import { assertReadableText } from '../shared/input.js';
import { truncate } from '../shared/text.js';
import { UserError } from '../shared/user-error.js';
import { isFinished } from './item-status.js';
import { renderProgressBar } from './progress-bar.js';
import {
  findPhaseTally,
  type PhaseTally,
  type SetItemStatusResult,
  setItemStatus,
} from './progress-queries.js';
import { itemText, phaseTitleText, STATUS_ICONS, tagsText, topicText } from './render-progress.js';

export const NOTE_MAX_LENGTH = 500;

/** A note for a status change: trimmed, at most 500 characters, or null. */
export function parseNote(note: string | null): string | null {
  const trimmed = note?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > NOTE_MAX_LENGTH) {
    throw new UserError(`Notes can be at most ${NOTE_MAX_LENGTH} characters (yours has ${trimmed.length}).`);
  }
  assertReadableText(trimmed, 'The note');
  return trimmed;
}

export interface CheckedItem {
  id: number;
  label: string;
  topic: string | null;
  description: string | null;
  tags: string | null;
  phase_id: number;
  phase_title: string;
}

/** A /check reply shows the item's description within a message, with room for the rest. */
const REPLY_DESCRIPTION_MAX = 600;
/** Discord's 2,000 characters for a message, less room for the streak line the reply ends with. */
const REPLY_MAX = 1_800;
/** Shorter than this, a description cut to fit would say nothing. */
const MIN_DESCRIPTION = 20;

export interface CheckOutcome {
  result: SetItemStatusResult;
  tally: PhaseTally;
  /** This change finished the item's phase (every current item done or skipped, newly). */
  completedPhase: boolean;
  /** The member's weekly streak as of the change, for the reply. */
  streak: StreakSummary;
}

/** Only a change from open to finished can complete a phase, so finishing it is celebrated once. */
export function completesPhase(result: SetItemStatusResult, tally: PhaseTally): boolean {
  return (
    result.changed &&
    isFinished(result.to) &&
    !isFinished(result.from) &&
    tally.total > 0 &&
    tally.finished === tally.total
  );
}

export async function checkItem(
  db: Db,
  input: {
    guildId: string;
    userId: string;
    item: CheckedItem;
    /** The item's roadmap, when already known: saves reading it again. */
    roadmapId?: number;
    status: ItemStatus;
    note: string | null;
    link: string | null;
    at: Date;
    defaultTimezone: string;
  },
): Promise<CheckOutcome> {
  const result = await setItemStatus(db, {
    guildId: input.guildId,
    userId: input.userId,
    itemId: input.item.id,
    ...(input.roadmapId === undefined ? {} : { roadmapId: input.roadmapId }),
    status: input.status,
    note: input.note,
    link: input.link,
    at: input.at,
    defaultTimezone: input.defaultTimezone,
  });
  const tally = await findPhaseTally(db, input.userId, input.item.phase_id);
  // A change has just placed the member's streak; only a change to the same status reads it.
  const streak = result.streak
    ? streakShownAt(result.streak, input.at)
    : await findCurrentStreak(db, input, input.at, input.defaultTimezone);
  return { result, tally, completedPhase: completesPhase(result, tally), streak };
}

const STATUS_WORDS: Readonly<Record<ItemStatus, string>> = {
  done: 'done',
  learning: 'learning',
  skipped: 'skipped',
  todo: 'to do',
};

/** The private reply to /check and /uncheck: what changed and the phase's new progress. */
export function describeCheck(item: CheckedItem, outcome: CheckOutcome): string {
  const { result, tally } = outcome;
  const label = `**${itemText(item, 300)}**${tagsText(item.tags)}`;
  const headline = result.changed
    ? `${STATUS_ICONS[result.to]} ${label} — ${STATUS_WORDS[result.to]} (was ${STATUS_WORDS[result.from]}).`
    : `${label} is already ${STATUS_WORDS[result.to]} — nothing changed.`;
  const where = [phaseTitleText(item.phase_title), ...(item.topic ? [topicText(item.topic)] : [])];
  const progress = ['', where.join(' · '), renderProgressBar(tally.finished, tally.total)];
  // Escaping can double a text's length, so the description gets what the other lines leave.
  const room = REPLY_MAX - [headline, ...progress].join('\n').length - 1;
  const description =
    item.description && room >= MIN_DESCRIPTION
      ? [truncate(escapeMarkdown(truncate(item.description, REPLY_DESCRIPTION_MAX)), room)]
      : [];
  return [headline, ...description, ...progress].join('\n');
}

/** The public note when a member finishes a phase; their display name as text, never a mention. */
export function describePhaseCompleted(memberName: string, item: CheckedItem, roadmapName: string): string {
  return `🎉 **${escapeMarkdown(truncate(memberName, 100))}** finished **${phaseTitleText(item.phase_title)}** on ${escapeMarkdown(truncate(roadmapName, 100))}!`;
}
