import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/connection.js';
import type { DigestRun, DigestTrigger } from '../db/schema.js';
import { onOwnedShards } from '../db/shard-filter.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';
import type { DigestSlot, Period } from './digest-slots.js';

/**
 * Exactly once, by construction: a run is INSERTed with the unique (guild_id, slot_key) key
 * BEFORE anything is posted, and every later step (complete, fail, take over) is a
 * compare-and-set on the claim it saw. Two processes, a restart or a retry can race as they
 * like; only the one whose write the database accepted posts.
 */

/** A claim older than this with no outcome is presumed abandoned by a crashed process. */
export const CLAIM_STALE_MS = 5 * 60_000;
/** Waits after each failed attempt; after the last one the run stays failed until an admin acts. */
export const RETRY_DELAYS_MS = [15 * 60_000, 60 * 60_000, 4 * 60 * 60_000, 12 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** The job runs every quarter hour; a retry due a few seconds after a tick should not wait for the next. */
const TICK_SLACK_MS = 60_000;

/** Who holds a claim: host and process for operators, and a random part so each claim is unique. */
export function newClaimToken(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export interface DigestRunClaim {
  guildId: string;
  slot: Pick<DigestSlot, 'key' | 'at'>;
  period: Period;
  trigger: DigestTrigger;
  channelId: string;
  token: string;
  now: Date;
}

/** Inserts the week's run as claimed; undefined when the week already has a run (any status). */
export async function claimDigestRun(db: Db, claim: DigestRunClaim): Promise<DigestRun | undefined> {
  const now = claim.now.toISOString();
  return db
    .insertInto('digest_runs')
    .values({
      guild_id: claim.guildId,
      slot_key: claim.slot.key,
      slot_at: claim.slot.at.toISOString(),
      trigger: claim.trigger,
      status: 'claimed',
      channel_id: claim.channelId,
      period_start: claim.period.start.toISOString(),
      period_end: claim.period.end.toISOString(),
      claimed_at: now,
      claimed_by: claim.token,
      attempts: 1,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['guild_id', 'slot_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export interface Reclaim {
  token: string;
  now: Date;
  /** A digest sent by hand replaces what the failed or skipped run would have posted. */
  replace?: { trigger: DigestTrigger; period: Period; channelId: string };
}

/**
 * Takes over a run for another attempt — a failed run whose retry is due, a skipped or failed
 * week sent by hand, or a claim abandoned by a crash — but only if the run is still exactly
 * as the caller read it.
 */
export async function reclaimDigestRun(
  db: Db,
  run: DigestRun,
  reclaim: Reclaim,
): Promise<DigestRun | undefined> {
  const now = reclaim.now.toISOString();
  const { replace } = reclaim;
  return db
    .updateTable('digest_runs')
    .set((eb) => ({
      status: 'claimed',
      claimed_by: reclaim.token,
      claimed_at: now,
      attempts: eb('attempts', '+', 1),
      next_attempt_at: null,
      updated_at: now,
      ...(replace
        ? {
            trigger: replace.trigger,
            channel_id: replace.channelId,
            period_start: replace.period.start.toISOString(),
            period_end: replace.period.end.toISOString(),
          }
        : {}),
    }))
    .where('id', '=', run.id)
    .where('status', '=', run.status)
    .where('claimed_by', '=', run.claimed_by)
    .returningAll()
    .executeTakeFirst();
}

/** Records the posted message; false when the claim was lost meanwhile (it was taken over). */
export async function completeDigestRun(
  db: Db,
  run: DigestRun,
  messageId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('digest_runs')
    .set({
      status: 'posted',
      message_id: messageId,
      posted_at: now.toISOString(),
      next_attempt_at: null,
      last_error: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', run.id)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', run.claimed_by)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay - TICK_SLACK_MS);
}

/** Records a failed attempt and when to retry (null once the attempts are used up). */
export async function failDigestRun(
  db: Db,
  run: DigestRun,
  error: string,
  now: Date,
): Promise<DigestRun | undefined> {
  const next = nextAttemptAfter(run.attempts, now);
  return db
    .updateTable('digest_runs')
    .set({
      status: 'failed',
      last_error: error,
      next_attempt_at: next?.toISOString() ?? null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', run.id)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', run.claimed_by)
    .returningAll()
    .executeTakeFirst();
}

/** Records a week that was missed by more than the catch-up window; nothing is posted for it. */
export async function recordSkippedDigestRun(
  db: Db,
  skip: Omit<DigestRunClaim, 'trigger'> & { reason: string },
): Promise<DigestRun | undefined> {
  const now = skip.now.toISOString();
  return db
    .insertInto('digest_runs')
    .values({
      guild_id: skip.guildId,
      slot_key: skip.slot.key,
      slot_at: skip.slot.at.toISOString(),
      trigger: 'schedule',
      status: 'skipped',
      channel_id: skip.channelId,
      period_start: skip.period.start.toISOString(),
      period_end: skip.period.end.toISOString(),
      claimed_at: now,
      claimed_by: skip.token,
      attempts: 0,
      last_error: skip.reason,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['guild_id', 'slot_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findDigestRun(
  db: Db,
  guildId: string,
  slotKey: string,
): Promise<DigestRun | undefined> {
  return db
    .selectFrom('digest_runs')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('slot_key', '=', slotKey)
    .executeTakeFirst();
}

/** Claims nobody finished within CLAIM_STALE_MS: their process most likely died mid-post. */
export async function findStaleDigestClaims(
  db: Db,
  now: Date,
  shards: ShardOwnership = EVERY_SERVER,
): Promise<DigestRun[]> {
  return db
    .selectFrom('digest_runs')
    .selectAll()
    .$call(onOwnedShards(shards))
    .where('status', '=', 'claimed')
    .where('claimed_at', '<', new Date(now.getTime() - CLAIM_STALE_MS).toISOString())
    .orderBy('id')
    .execute();
}

export async function findDueDigestRetries(
  db: Db,
  now: Date,
  shards: ShardOwnership = EVERY_SERVER,
): Promise<DigestRun[]> {
  return db
    .selectFrom('digest_runs')
    .selectAll()
    .$call(onOwnedShards(shards))
    .where('status', '=', 'failed')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .execute();
}

export async function findRecentDigestRuns(db: Db, guildId: string, limit: number): Promise<DigestRun[]> {
  return db
    .selectFrom('digest_runs')
    .selectAll()
    .where('guild_id', '=', guildId)
    .orderBy('slot_at', 'desc')
    .limit(limit)
    .execute();
}
