import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { ItemStatus, Roadmap, RoadmapItem } from '../db/schema.js';

// Two indexed lookups under `coalesce` cost SQLite half of a join sorted by preference.
const followedRoadmap = preparedQuery((db, p: { guildId: string; userId: string }) =>
  db
    .selectFrom('roadmaps')
    .selectAll()
    .where('roadmaps.id', '=', (eb) =>
      eb.fn.coalesce(
        eb
          .selectFrom('member_roadmaps')
          .innerJoin('roadmaps as chosen', 'chosen.id', 'member_roadmaps.roadmap_id')
          .select('chosen.id')
          .where('member_roadmaps.guild_id', '=', p.guildId)
          .where('member_roadmaps.user_id', '=', p.userId)
          .where('chosen.guild_id', '=', p.guildId)
          .where('chosen.archived_at', 'is', null),
        eb
          .selectFrom('roadmaps as fallback')
          .select('fallback.id')
          .where('fallback.guild_id', '=', p.guildId)
          .where('fallback.is_default', '=', 1),
      ),
    ),
);

/**
 * The roadmap a member follows: the one they chose, or the server's default (also when the one
 * they chose was archived; a deleted one takes their choice with it).
 */
export async function findFollowedRoadmap(
  db: Db,
  guildId: string,
  userId: string,
): Promise<Roadmap | undefined> {
  // One prepared statement, not the choice then the default: /check and every autocomplete keystroke ask.
  return followedRoadmap.executeTakeFirst(db, { guildId, userId });
}

export type ItemWithPhase = RoadmapItem & { phase_title: string; phase_position: number };

/** What naming an item needs: enough to show it, place it in its phase and record progress on it. */
export type ItemRef = Pick<
  RoadmapItem,
  'id' | 'label' | 'phase_id' | 'position' | 'topic' | 'description' | 'tags'
> & { phase_title: string };

const activeItem = preparedQuery((db, p: { roadmapId: number; itemId: number }) =>
  db
    .selectFrom('roadmap_items')
    .innerJoin('roadmap_phases', 'roadmap_phases.id', 'roadmap_items.phase_id')
    .select([
      'roadmap_items.id',
      'roadmap_items.label',
      'roadmap_items.phase_id',
      'roadmap_items.position',
      'roadmap_items.topic',
      'roadmap_items.description',
      'roadmap_items.tags',
      'roadmap_phases.title as phase_title',
    ])
    .where('roadmap_items.id', '=', p.itemId)
    .where('roadmap_items.roadmap_id', '=', p.roadmapId)
    .where('roadmap_items.active', '=', 1),
);

/** One current item of the roadmap, by id (its primary key): never the whole roadmap. */
export async function findActiveItem(
  db: Db,
  roadmapId: number,
  itemId: number,
): Promise<ItemRef | undefined> {
  return activeItem.executeTakeFirst(db, { roadmapId, itemId });
}

/** The roadmap's current items in document order, each with its phase. */
export async function listActiveItems(db: Db, roadmapId: number): Promise<ItemWithPhase[]> {
  return db
    .selectFrom('roadmap_items')
    .innerJoin('roadmap_phases', 'roadmap_phases.id', 'roadmap_items.phase_id')
    .selectAll('roadmap_items')
    .select(['roadmap_phases.title as phase_title', 'roadmap_phases.position as phase_position'])
    .where('roadmap_items.roadmap_id', '=', roadmapId)
    .where('roadmap_items.active', '=', 1)
    .orderBy('roadmap_items.position')
    .execute();
}

const memberStatuses = preparedQuery((db, p: { userId: string; roadmapId: number }) =>
  db
    .selectFrom('member_progress')
    .innerJoin('roadmap_items', 'roadmap_items.id', 'member_progress.item_id')
    .select(['member_progress.item_id', 'member_progress.status'])
    .where('member_progress.user_id', '=', p.userId)
    .where('roadmap_items.roadmap_id', '=', p.roadmapId),
);

/** A member's status per item of one roadmap; items without a row are `todo`. Every autocomplete keystroke asks. */
export async function findMemberStatuses(
  db: Db,
  userId: string,
  roadmapId: number,
): Promise<Map<number, ItemStatus>> {
  const rows = await memberStatuses.execute(db, { userId, roadmapId });
  return new Map(rows.map((row) => [row.item_id, row.status]));
}
