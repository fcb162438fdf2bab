import { describe, expect, it } from 'vitest';
import {
  claimDelivery,
  countDeliveries,
  DELIVERED_RETENTION_MS,
  DELIVERY_LEASE_MS,
  DELIVERY_RETRY_DELAYS_MS,
  enqueuePost,
  findDueDeliveries,
  markDelivered,
  type NewOutboxPost,
  nextDeliveryAttempt,
  outboxNonce,
  pruneDeliveredPosts,
  recordFailedAttempt,
} from '../../src/core/outbox.js';
import { eraseMemberData } from '../../src/privacy/erase-member-data.js';
import { useTestDatabase } from '../support/database.js';

const NOW = new Date('2026-12-02T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const post = (ownerId = 'u1'): NewOutboxPost => ({
  guildId: 'g1',
  kind: 'learning',
  channelId: 'c1',
  ownerId,
  subjectId: 1,
  payload: { message: { content: 'hello' }, data: {} },
});

describe('outbox', () => {
  const handle = useTestDatabase();

  it('GIVEN any row THEN its nonce fits Discord’s 25 characters and is the same on every attempt', () => {
    expect(outboxNonce({ id: 2 ** 31 }).length).toBeLessThanOrEqual(25);
    expect(outboxNonce({ id: 7 })).toBe(outboxNonce({ id: 7 }));
  });

  it('GIVEN failed attempts THEN each waits longer, and the last leaves the row failed', () => {
    expect(
      DELIVERY_RETRY_DELAYS_MS.map((_, index) => nextDeliveryAttempt(index + 1, NOW)?.getTime()),
    ).toEqual(DELIVERY_RETRY_DELAYS_MS.map((delay) => NOW.getTime() + delay));
    expect(nextDeliveryAttempt(DELIVERY_RETRY_DELAYS_MS.length + 1, NOW)).toBeNull();
  });

  it('GIVEN a post enqueued by this process THEN the pass leaves it to its first attempt until the lease runs out', async () => {
    const row = await enqueuePost(handle.db, post(), NOW);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await findDueDeliveries(handle.db, later(1_000), { cutShort: true })).toEqual([]);
    expect(await findDueDeliveries(handle.db, later(DELIVERY_LEASE_MS))).toHaveLength(1);
  });

  it('GIVEN posts of servers on two shards THEN a process owning one shard finds only its own servers’ posts', async () => {
    // Real snowflakes: (id >> 22) % 2 is 0 for the first, 1 for the second.
    const [onShard0, onShard1] = ['1258291200004194303', '1258291200008388607'];
    for (const guildId of [onShard0, onShard1]) await enqueuePost(handle.db, { ...post(), guildId }, NOW);
    const due = (owned: number[]) =>
      findDueDeliveries(handle.db, later(DELIVERY_LEASE_MS), {}, { count: 2, owned }).then((rows) =>
        rows.map((row) => row.guild_id),
      );
    expect(await due([0])).toEqual([onShard0]);
    expect(await due([1])).toEqual([onShard1]);
    expect(await due([0, 1])).toEqual([onShard0, onShard1]);
  });

  it('GIVEN an attempt another process left under way THEN it is due at once with cutShort', async () => {
    const row = await enqueuePost(handle.db, post(), NOW);
    await handle.db
      .updateTable('outbox')
      .set({ claimed_by: 'a process gone' })
      .where('id', '=', row.id)
      .execute();
    expect(await findDueDeliveries(handle.db, NOW)).toEqual([]);
    expect((await findDueDeliveries(handle.db, NOW, { cutShort: true })).map((due) => due.id)).toEqual([
      row.id,
    ]);
  });

  it('GIVEN two attempts claiming the same row THEN only one gets it, and only its outcome is recorded', async () => {
    const row = await enqueuePost(handle.db, post(), NOW);
    const first = await claimDelivery(handle.db, row, later(DELIVERY_LEASE_MS));
    expect(first?.attempts).toBe(2);
    expect(await claimDelivery(handle.db, row, later(DELIVERY_LEASE_MS))).toBeUndefined();
    // The first attempt was taken over: its outcome changes nothing.
    expect(await markDelivered(handle.db, row, 'm0', NOW)).toBe(false);
    expect(await markDelivered(handle.db, first!, 'm1', NOW)).toBe(true);
    expect(await recordFailedAttempt(handle.db, first!, 'late', NOW)).toBeUndefined();
  });

  it('GIVEN pending, failed and delivered posts THEN the counts are the server’s, with the member’s failed ones', async () => {
    const failing = await enqueuePost(handle.db, post('u1'), NOW);
    await recordFailedAttempt(handle.db, failing, 'Missing Permissions', NOW, { final: true });
    await enqueuePost(handle.db, post('u2'), NOW);
    const done = await enqueuePost(handle.db, post('u1'), NOW);
    await markDelivered(handle.db, done, 'm1', NOW);
    await enqueuePost(handle.db, { ...post('u1'), guildId: 'another' }, NOW);
    expect(await countDeliveries(handle.db, 'g1', 'u1')).toEqual({
      pending: 1,
      failed: 1,
      failedForMember: 1,
    });
    expect(await countDeliveries(handle.db, 'g1', 'u2')).toEqual({
      pending: 1,
      failed: 1,
      failedForMember: 0,
    });
  });

  it('GIVEN delivered posts older than the retention THEN they are deleted, pending and failed ones never', async () => {
    const old = await enqueuePost(handle.db, post(), NOW);
    await markDelivered(handle.db, old, 'm1', NOW);
    const failing = await enqueuePost(handle.db, post(), NOW);
    await recordFailedAttempt(handle.db, failing, 'Missing Permissions', NOW, { final: true });
    await enqueuePost(handle.db, post(), NOW);
    await pruneDeliveredPosts(handle.db, later(DELIVERED_RETENTION_MS - 1));
    expect(await handle.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
    await pruneDeliveredPosts(handle.db, later(DELIVERED_RETENTION_MS + 1));
    expect(
      (await handle.db.selectFrom('outbox').select('status').execute()).map((row) => row.status).sort(),
    ).toEqual(['failed', 'pending']);
  });

  it('GIVEN a member erasing their data THEN their posts, pending ones included, are gone and never delivered', async () => {
    await enqueuePost(handle.db, post('u1'), NOW);
    await enqueuePost(handle.db, post('u2'), NOW);
    const result = await eraseMemberData(handle.db, 'g1', 'u1');
    expect(result.deleted.outbox).toBe(1);
    expect(
      (await handle.db.selectFrom('outbox').select('owner_id').execute()).map((row) => row.owner_id),
    ).toEqual(['u2']);
  });
});
