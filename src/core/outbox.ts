import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { OutboxKind, OutboxRow } from '../db/schema.js';
import { onOwnedShards } from '../db/shard-filter.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';

/**
 * Every public post made on behalf of a change is enqueued in the change's transaction, then
 * delivered; exactly once, by construction:
 * - a row is enqueued already claimed by the process that made the change, which delivers it at
 *   once; every later attempt first claims it with a compare-and-set on what it read;
 * - an attempt that may have reached Discord (any after the first) looks for the post before
 *   posting again, and every channel post carries the row's nonce, so Discord itself returns the
 *   message a retried POST already created.
 */

/** How long a claimed attempt may take before the periodic pass presumes it abandoned. */
export const DELIVERY_LEASE_MS = 2 * 60_000;
/** Waits after each failed attempt; after the last one the row is left failed. */
export const DELIVERY_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRY_DELAYS_MS.length + 1;

/** Who is attempting deliveries in this process; a restart has a new one. */
export const PROCESS_CLAIM = `${process.pid}:${randomBytes(4).toString('hex')}`;

/** What a row carries: the message (Discord's JSON shape) and what its kind needs once delivered. */
export interface OutboxPayload<Data = Record<string, unknown>> {
  message: OutboxMessage;
  data: Data;
}

export interface OutboxMessage {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
}

export interface NewOutboxPost<Data = Record<string, unknown>> {
  guildId: string;
  kind: OutboxKind;
  channelId: string | null;
  recipientId?: string;
  ownerId: string;
  subjectId?: number;
  payload: OutboxPayload<Data>;
}

/** Discord accepts a nonce of up to 25 characters; one per row, the same on every attempt. */
export function outboxNonce(row: Pick<OutboxRow, 'id'>): string {
  return `waymark-outbox-${row.id}`;
}

export function parsePayload<Data = Record<string, unknown>>(
  row: Pick<OutboxRow, 'payload'>,
): OutboxPayload<Data> {
  return JSON.parse(row.payload) as OutboxPayload<Data>;
}

/** When a row whose `attempts`-th attempt failed is tried again; null when it is left failed. */
export function nextDeliveryAttempt(attempts: number, now: Date): Date | null {
  const delay = DELIVERY_RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** Inside the change's transaction: the post, claimed by this process for its first attempt. */
export async function enqueuePost(db: Db, post: NewOutboxPost, now: Date): Promise<OutboxRow> {
  const at = now.toISOString();
  return db
    .insertInto('outbox')
    .values({
      guild_id: post.guildId,
      kind: post.kind,
      channel_id: post.channelId,
      recipient_id: post.recipientId ?? null,
      owner_id: post.ownerId,
      subject_id: post.subjectId ?? null,
      payload: JSON.stringify(post.payload),
      attempts: 1,
      claimed_by: PROCESS_CLAIM,
      next_attempt_at: new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString(),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes the next attempt, unless another one claimed the row since it was read. */
export async function claimDelivery(db: Db, row: OutboxRow, now: Date): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set({
      attempts: row.attempts + 1,
      claimed_by: PROCESS_CLAIM,
      next_attempt_at: new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', row.attempts)
    .returningAll()
    .executeTakeFirst();
}

/** Records the delivered message; false when the attempt was taken over meanwhile. */
export async function markDelivered(db: Db, row: OutboxRow, messageId: string, now: Date): Promise<boolean> {
  // Matching the attempt read: nothing changes once another attempt took the row over.
  const result = await db
    .updateTable('outbox')
    .set({ status: 'delivered', message_id: messageId, claimed_by: null, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a failed attempt: retried after the next delay, or left failed once they are used up. */
export async function recordFailedAttempt(
  db: Db,
  row: OutboxRow,
  error: string,
  now: Date,
  options: { final?: boolean } = {},
): Promise<OutboxRow | undefined> {
  const next = options.final ? null : nextDeliveryAttempt(row.attempts, now);
  return db
    .updateTable('outbox')
    .set({
      status: next ? 'pending' : 'failed',
      claimed_by: null,
      next_attempt_at: (next ?? now).toISOString(),
      last_error: error.slice(0, 500),
      updated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Forgets a post whose attempt this is, when its change is undone instead of retried. */
export async function discardPost(db: Db, row: OutboxRow): Promise<void> {
  await db.deleteFrom('outbox').where('id', '=', row.id).where('attempts', '=', row.attempts).execute();
}

/**
 * Rows to attempt now: those whose retry (or abandoned attempt's lease) is due and, with
 * `cutShort`, every attempt another process left under way: at start, that process is gone.
 */
export async function findDueDeliveries(
  db: Db,
  now: Date,
  options: { cutShort?: boolean } = {},
  shards: ShardOwnership = EVERY_SERVER,
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .$call(onOwnedShards(shards))
    .where('status', '=', 'pending')
    .where((eb) => {
      const due = eb('next_attempt_at', '<=', now.toISOString());
      if (!options.cutShort) return due;
      return eb.or([due, eb.and([eb('claimed_by', 'is not', null), eb('claimed_by', '<>', PROCESS_CLAIM)])]);
    })
    .orderBy('id')
    .execute();
}

/** Delivered rows are kept this long (for operators), then deleted with the member text they hold. */
export const DELIVERED_RETENTION_MS = 14 * 24 * 60 * 60_000;

export async function pruneDeliveredPosts(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('outbox')
    .where('status', '=', 'delivered')
    .where('updated_at', '<', new Date(now.getTime() - DELIVERED_RETENTION_MS).toISOString())
    .execute();
}

export async function findPost(db: Db, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface DeliveryCounts {
  pending: number;
  failed: number;
  /** Of the failed ones, those by or for this member. */
  failedForMember: number;
}

/** Per status: how many, and how many of them are by or for the member. */
const deliveryCounts = preparedQuery((db, p: { guildId: string; memberId: string }) =>
  db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .select((eb) =>
      eb.fn.sum<number>(eb.case().when('owner_id', '=', p.memberId).then(1).else(0).end()).as('for_member'),
    )
    .where('guild_id', '=', p.guildId)
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status'),
);

export async function countDeliveries(db: Db, guildId: string, memberId: string): Promise<DeliveryCounts> {
  const rows = await deliveryCounts.execute(db, { guildId, memberId });
  const failed = rows.find((row) => row.status === 'failed');
  return {
    pending: Number(rows.find((row) => row.status === 'pending')?.count ?? 0),
    failed: Number(failed?.count ?? 0),
    failedForMember: Number(failed?.for_member ?? 0),
  };
}
