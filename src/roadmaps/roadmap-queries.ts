import type { Db } from '../db/connection.js';
import type { Roadmap, RoadmapPhase } from '../db/schema.js';

export async function findRoadmapByName(db: Db, guildId: string, name: string): Promise<Roadmap | undefined> {
  return db
    .selectFrom('roadmaps')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function findRoadmapById(db: Db, guildId: string, id: number): Promise<Roadmap | undefined> {
  return db
    .selectFrom('roadmaps')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type RoadmapSummary = Roadmap & { item_count: number; follower_count: number };

/**
 * The guild's roadmaps with their current item count and followers. Members who never chose
 * follow the default, but the bot only knows them once they have progress on it, so those
 * are the ones counted for the default. Archived roadmaps are left out unless asked for (the
 * admin commands that name them).
 */
export async function listRoadmapSummaries(
  db: Db,
  guildId: string,
  { includeArchived = false }: { includeArchived?: boolean } = {},
): Promise<RoadmapSummary[]> {
  const roadmaps = await db
    .selectFrom('roadmaps')
    .selectAll('roadmaps')
    .select((eb) => [
      eb
        .selectFrom('roadmap_items')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('roadmap_items.roadmap_id', '=', 'roadmaps.id')
        .where('roadmap_items.active', '=', 1)
        .as('item_count'),
      eb
        .selectFrom('member_roadmaps')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('member_roadmaps.roadmap_id', '=', 'roadmaps.id')
        .as('chosen_count'),
    ])
    .where('guild_id', '=', guildId)
    .$if(!includeArchived, (query) => query.where('archived_at', 'is', null))
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
  const byDefault = await db
    .selectFrom('member_progress')
    .innerJoin('roadmap_items', 'roadmap_items.id', 'member_progress.item_id')
    .innerJoin('roadmaps', 'roadmaps.id', 'roadmap_items.roadmap_id')
    .select((eb) => eb.fn.count<number>('member_progress.user_id').distinct().as('count'))
    .where('roadmaps.guild_id', '=', guildId)
    .where('roadmaps.is_default', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('member_roadmaps')
            .select('member_roadmaps.user_id')
            .whereRef('member_roadmaps.user_id', '=', 'member_progress.user_id')
            .where('member_roadmaps.guild_id', '=', guildId),
        ),
      ),
    )
    .executeTakeFirst();
  return roadmaps.map(({ chosen_count, item_count, ...roadmap }) => ({
    ...roadmap,
    item_count: Number(item_count ?? 0),
    follower_count:
      Number(chosen_count ?? 0) + (roadmap.is_default === 1 ? Number(byDefault?.count ?? 0) : 0),
  }));
}

export async function followRoadmap(
  db: Db,
  input: { guildId: string; userId: string; roadmapId: number; at: Date },
): Promise<void> {
  const values = { roadmap_id: input.roadmapId, followed_at: input.at.toISOString() };
  await db
    .insertInto('member_roadmaps')
    .values({ guild_id: input.guildId, user_id: input.userId, ...values })
    .onConflict((conflict) => conflict.columns(['guild_id', 'user_id']).doUpdateSet(values))
    .execute();
}

/** The roadmap's current phases in document order. */
export async function listActivePhases(db: Db, roadmapId: number): Promise<RoadmapPhase[]> {
  return db
    .selectFrom('roadmap_phases')
    .selectAll()
    .where('roadmap_id', '=', roadmapId)
    .where('active', '=', 1)
    .orderBy('position')
    .execute();
}
