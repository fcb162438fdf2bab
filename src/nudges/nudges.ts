import { DateTime } from 'luxon';
import type { NudgeOutcome } from '../db/schema.js';
import { pluralize } from '../shared/plural.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Nudges arrive in the member's daytime; a reminder at 3 a.m. is not gentle. */
export const NUDGE_LOCAL_HOURS = { from: 9, until: 21 } as const;

export interface StoredNudge {
  at: Date;
  outcome: NudgeOutcome;
}

export interface NudgeCandidate {
  guildId: string;
  userId: string;
  silenceDays: number;
  /** The member's latest activity, or when they changed their settings (opting in counts). */
  lastSeenAt: Date;
  lastNudge: StoredNudge | null;
  /** The member's zone, else the guild's, for the daytime window. */
  timeZone: string;
}

export function isDaytime(now: Date, timeZone: string): boolean {
  const hour = DateTime.fromJSDate(now, { zone: timeZone }).hour;
  return hour >= NUDGE_LOCAL_HOURS.from && hour < NUDGE_LOCAL_HOURS.until;
}

/**
 * Due once the member has been quiet for the guild's silence, and not yet nudged in this
 * silence: a nudge (sent or refused by closed DMs) waits for new activity before the next.
 */
export function isNudgeDue(candidate: NudgeCandidate, now: Date): boolean {
  const quietMs = now.getTime() - candidate.lastSeenAt.getTime();
  if (quietMs < candidate.silenceDays * DAY_MS) return false;
  if (candidate.lastNudge && candidate.lastNudge.at >= candidate.lastSeenAt) return false;
  return isDaytime(now, candidate.timeZone);
}

export function quietDays(lastSeenAt: Date, now: Date): number {
  return Math.floor((now.getTime() - lastSeenAt.getTime()) / DAY_MS);
}

export interface NudgeMessageInput {
  guildName: string;
  quietDays: number;
  nextItems: readonly string[];
}

/** The direct message: friendly, specific (the next items), and says how to stop it. */
export function renderNudgeMessage(input: NudgeMessageInput): string {
  const lines = [
    `Hi! It has been ${pluralize(input.quietDays, 'day')} since your last step on Waymark in **${input.guildName}**.`,
  ];
  if (input.nextItems.length > 0) {
    lines.push('', 'Your next open items:', ...input.nextItems.map((item) => `• ${item}`));
    lines.push('', 'Even one small step keeps your weekly streak going — `/check` it off when you do.');
  } else {
    lines.push(
      '',
      'Even one small step keeps your weekly streak going: check an item, share a learning, or help a peer.',
    );
  }
  lines.push('', 'Not the right time? Turn these reminders off with `/settings nudges:false` in the server.');
  return lines.join('\n');
}
