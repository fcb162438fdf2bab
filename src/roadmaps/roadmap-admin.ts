import type { Db } from '../db/connection.js';
import type { Roadmap, RoadmapAdminAction } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';

/**
 * What admins do to a whole roadmap. Each change and its log entry are written in one
 * transaction, and each bumps the roadmap's version so anything holding it in memory reloads.
 * The refusals (default roadmap, taken name) are the command's to phrase; these functions
 * assume they were checked.
 */

export interface AdminChange {
  guildId: string;
  roadmapId: number;
  userId: string;
  at: Date;
}

async function logChange(
  trx: Db,
  change: AdminChange,
  action: RoadmapAdminAction,
  detail: string | null,
): Promise<void> {
  await trx
    .insertInto('roadmap_admin_log')
    .values({
      guild_id: change.guildId,
      roadmap_id: change.roadmapId,
      action,
      detail,
      user_id: change.userId,
      occurred_at: change.at.toISOString(),
    })
    .execute();
}

async function updateRoadmap(
  trx: Db,
  change: AdminChange,
  values: Partial<Pick<Roadmap, 'name' | 'archived_at' | 'archived_by' | 'is_default'>>,
): Promise<Roadmap> {
  return trx
    .updateTable('roadmaps')
    .set((eb) => ({ ...values, updated_at: change.at.toISOString(), version: eb('version', '+', 1) }))
    .where('guild_id', '=', change.guildId)
    .where('id', '=', change.roadmapId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Makes the roadmap the server's default; the previous default stops being one. */
export async function setDefaultRoadmap(db: Db, change: AdminChange): Promise<Roadmap> {
  return inTransaction(db, async (trx) => {
    // Cleared first: the database allows one default per server at every step.
    await trx
      .updateTable('roadmaps')
      .set({ is_default: 0 })
      .where('guild_id', '=', change.guildId)
      .where('is_default', '=', 1)
      .execute();
    const roadmap = await updateRoadmap(trx, change, { is_default: 1 });
    await logChange(trx, change, 'default', roadmap.name);
    return roadmap;
  });
}

export async function renameRoadmap(db: Db, change: AdminChange & { name: string }): Promise<Roadmap> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('roadmaps')
      .select('name')
      .where('id', '=', change.roadmapId)
      .executeTakeFirstOrThrow();
    const roadmap = await updateRoadmap(trx, change, { name: change.name });
    await logChange(trx, change, 'rename', `${before.name} → ${change.name}`);
    return roadmap;
  });
}

export async function archiveRoadmap(db: Db, change: AdminChange): Promise<Roadmap> {
  return inTransaction(db, async (trx) => {
    const roadmap = await updateRoadmap(trx, change, {
      archived_at: change.at.toISOString(),
      archived_by: change.userId,
    });
    await logChange(trx, change, 'archive', roadmap.name);
    return roadmap;
  });
}

export async function restoreRoadmap(db: Db, change: AdminChange): Promise<Roadmap> {
  return inTransaction(db, async (trx) => {
    const roadmap = await updateRoadmap(trx, change, { archived_at: null, archived_by: null });
    await logChange(trx, change, 'restore', roadmap.name);
    return roadmap;
  });
}

/** What deleting a roadmap takes away, for the admin to read before confirming. */
export interface RoadmapDeletionImpact {
  /** Members who chose to follow it (they fall back to the server's default). */
  followers: number;
  /** Members whose progress on its items would be erased. */
  membersWithProgress: number;
  /** Learnings tied to one of its items (they stay, without the item). */
  learnings: number;
}

export async function describeRoadmapDeletion(db: Db, roadmapId: number): Promise<RoadmapDeletionImpact> {
  const [followers, progress, learnings] = await Promise.all([
    db
      .selectFrom('member_roadmaps')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('roadmap_id', '=', roadmapId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('member_progress')
      .innerJoin('roadmap_items', 'roadmap_items.id', 'member_progress.item_id')
      .select((eb) => eb.fn.count<number>('member_progress.user_id').distinct().as('count'))
      .where('roadmap_items.roadmap_id', '=', roadmapId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('learnings')
      .innerJoin('roadmap_items', 'roadmap_items.id', 'learnings.item_id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('roadmap_items.roadmap_id', '=', roadmapId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    followers: Number(followers.count),
    membersWithProgress: Number(progress.count),
    learnings: Number(learnings.count),
  };
}

/**
 * Deletes the roadmap with its phases, items, progress and follows (the foreign keys cascade);
 * learnings, resources and goals that named one of its items keep existing without the link.
 * Returns the deleted roadmap, or undefined when it was already gone.
 */
export async function deleteRoadmap(db: Db, change: AdminChange): Promise<Roadmap | undefined> {
  return inTransaction(db, async (trx) => {
    const roadmap = await trx
      .deleteFrom('roadmaps')
      .where('guild_id', '=', change.guildId)
      .where('id', '=', change.roadmapId)
      .returningAll()
      .executeTakeFirst();
    if (roadmap) await logChange(trx, change, 'delete', roadmap.name);
    return roadmap;
  });
}
