import type { Db } from '../../src/db/connection.js';

export const GUILD = '900000000000000001';
export const OTHER_GUILD = '900000000000000002';
export const ALICE = '800000000000000001';
export const BOB = '800000000000000002';

/** The default roadmap with one phase and one item, for learnings and resources tied to an item. */
export async function seedRoadmapItem(
  db: Db,
  guildId = GUILD,
): Promise<{ roadmapId: number; itemId: number }> {
  const at = '2026-11-01T00:00:00.000Z';
  const roadmap = await db
    .insertInto('roadmaps')
    .values({
      guild_id: guildId,
      name: 'python',
      source: 'template:python',
      is_default: 1,
      created_by: ALICE,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const phase = await db
    .insertInto('roadmap_phases')
    .values({ roadmap_id: roadmap.id, position: 0, title: 'Basics', heading_level: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('roadmap_items')
    .values({
      roadmap_id: roadmap.id,
      phase_id: phase.id,
      key: 'basics/list-comprehensions',
      label: 'List comprehensions',
      markdown: 'List comprehensions',
      position: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { roadmapId: roadmap.id, itemId: item.id };
}
