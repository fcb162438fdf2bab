import type { Db } from '../../src/db/connection.js';

export interface SeededRoadmap {
  roadmapId: number;
  /** Item ids by label. */
  items: Map<string, number>;
}

/**
 * A small default roadmap written straight to the database, for tests of features that read
 * roadmaps without going through /roadmap import.
 */
export async function seedRoadmap(
  db: Db,
  options: { guildId: string; createdBy: string; phases: Record<string, readonly string[]>; now: Date },
): Promise<SeededRoadmap> {
  const now = options.now.toISOString();
  const roadmap = await db
    .insertInto('roadmaps')
    .values({
      guild_id: options.guildId,
      name: 'python',
      title: 'Python developer',
      source: 'template:python-developer',
      is_default: 1,
      created_by: options.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const items = new Map<string, number>();
  let position = 0;
  for (const [phasePosition, [title, labels]] of Object.entries(options.phases).entries()) {
    const phase = await db
      .insertInto('roadmap_phases')
      .values({ roadmap_id: roadmap.id, position: phasePosition, title, heading_level: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const label of labels) {
      const item = await db
        .insertInto('roadmap_items')
        .values({
          roadmap_id: roadmap.id,
          phase_id: phase.id,
          key: `item-${position}`,
          label,
          markdown: label,
          position: position++,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      items.set(label, item.id);
    }
  }
  return { roadmapId: roadmap.id, items };
}

export async function setItemStatusDirectly(
  db: Db,
  member: { guildId: string; userId: string },
  itemId: number,
  status: 'done' | 'learning' | 'skipped',
  now: Date,
): Promise<void> {
  await db
    .insertInto('member_progress')
    .values({
      guild_id: member.guildId,
      user_id: member.userId,
      item_id: itemId,
      status,
      updated_at: now.toISOString(),
    })
    .execute();
}
