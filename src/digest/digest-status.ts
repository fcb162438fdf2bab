import { messageLink, TimestampStyles } from '@discordjs/formatters';
import type { Db } from '../db/connection.js';
import type { DigestRun, DigestSchedule } from '../db/schema.js';
import { discordTime, relativeTime } from '../shared/discord-time.js';
import { pluralize } from '../shared/plural.js';
import { UserError } from '../shared/user-error.js';
import { findDigestRun } from './digest-runs.js';
import { type DigestSlot, type DigestTiming, nextSlotAfter } from './digest-slots.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The ISO weekday (1 = Monday) of a `day` option's value. */
export function isoWeekday(day: string): number {
  const index = WEEKDAYS.indexOf(day as Weekday);
  if (index < 0) throw new UserError('Choose a day from the list, monday to sunday.');
  return index + 1;
}

function capitalized(day: Weekday): string {
  return `${day[0]?.toUpperCase()}${day.slice(1)}`;
}

/** "Mondays at 09:00 (Europe/Berlin)". */
export function describeTiming(timing: DigestTiming): string {
  const day = WEEKDAYS[timing.day - 1] ?? 'monday';
  return `${capitalized(day)}s at ${String(timing.hour).padStart(2, '0')}:00 (${timing.timezone})`;
}

/** The next slot that will actually post: a week already sent by hand is passed over. */
export async function nextScheduledSlot(db: Db, schedule: DigestSchedule, now: Date): Promise<DigestSlot> {
  const next = nextSlotAfter(schedule, now);
  const taken = await findDigestRun(db, schedule.guild_id, next.key);
  return taken ? nextSlotAfter(schedule, next.at) : next;
}

/** One line of /digest status for a run. */
export function describeRun(run: DigestRun): string {
  const week = `\`${run.slot_key}\``;
  const how = run.trigger === 'manual' ? ' · sent by hand' : '';
  switch (run.status) {
    case 'posted': {
      const link = run.message_id
        ? ` · [message](${messageLink(run.channel_id, run.message_id, run.guild_id)})`
        : '';
      const at = run.posted_at ? ` ${discordTime(run.posted_at, TimestampStyles.ShortDateTime)}` : '';
      return `✅ ${week} posted${at}${link}${how}`;
    }
    case 'claimed':
      return `⏳ ${week} being posted (since ${relativeTime(run.claimed_at)})${how}`;
    case 'skipped':
      return `⏭️ ${week} skipped — ${run.last_error ?? 'missed'}`;
    case 'failed': {
      const next = run.next_attempt_at
        ? `next try ${relativeTime(run.next_attempt_at)}`
        : 'no more automatic tries: fix it, then use /digest send';
      return `❌ ${week} failed after ${pluralize(run.attempts, 'attempt')}: ${run.last_error ?? 'unknown error'} — ${next}${how}`;
    }
  }
}
