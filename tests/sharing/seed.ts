import type { Db } from '../../src/db/connection.js';
import { seedRoadmap } from '../support/roadmap.js';

export const GUILD = '900000000000000001';
export const OTHER_GUILD = '900000000000000002';
export const ALICE = '800000000000000001';
export const BOB = '800000000000000002';

/** The default roadmap with one phase and one item, for learnings and resources tied to an item. */
export async function seedRoadmapItem(
  db: Db,
  guildId = GUILD,
): Promise<{ roadmapId: number; itemId: number }> {
  const { roadmapId, items } = await seedRoadmap(db, {
    guildId,
    createdBy: ALICE,
    now: new Date('2026-11-01T00:00:00.000Z'),
    phases: { Basics: ['List comprehensions'] },
  });
  return { roadmapId, itemId: items.get('List comprehensions')! };
}
