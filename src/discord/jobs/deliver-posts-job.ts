import type { AppContext } from '../../context.js';
import { findDueDeliveries, pruneDeliveredPosts } from '../../core/outbox.js';
import type { OutboxRow } from '../../db/schema.js';
import type { ScheduledJob } from '../../scheduler.js';
import { claimAndDeliver, type DeliveryOutcome } from '../posts/outbox-delivery.js';

export type DeliveryPass = Record<DeliveryOutcome, number>;

/**
 * Delivers `rows` one after the other; one that fails is recorded with its retry and never
 * holds up the rest. A plain function over rows, so a caller can narrow them (by shard).
 */
export async function deliverPosts(ctx: AppContext, rows: readonly OutboxRow[]): Promise<DeliveryPass> {
  const pass: DeliveryPass = { delivered: 0, retrying: 0, failed: 0, taken: 0 };
  for (const row of rows) {
    try {
      pass[await claimAndDeliver(ctx, row)] += 1;
    } catch (error) {
      ctx.logger.error({ err: error, outboxId: row.id }, 'post delivery failed unexpectedly');
    }
  }
  if (rows.length > 0) ctx.logger.info(pass, 'posts delivered');
  return pass;
}

/**
 * Due retries, and every delivery a previous process left under way, of this process's servers
 * only: a delivery cut short on a shard it owns was the work of a process that is gone.
 */
export async function deliverDuePosts(ctx: AppContext): Promise<DeliveryPass> {
  const due = await findDueDeliveries(ctx.db, ctx.clock.now(), { cutShort: true }, ctx.shards());
  return deliverPosts(ctx, due);
}

export const deliverPostsJob: ScheduledJob = {
  name: 'deliver-posts',
  cron: '* * * * *',
  runOnStart: true,
  async run(ctx) {
    await deliverDuePosts(ctx);
    await pruneDeliveredPosts(ctx.db, ctx.clock.now());
  },
};
