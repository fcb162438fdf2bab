import type { Db } from '../db/connection.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  type ItemWithPhase,
  listActiveItems,
} from '../roadmaps/followed-roadmap.js';
import { nextOpenItems } from '../roadmaps/render-progress.js';

/** What the member could do next on the roadmap they follow (none when they follow none). */
export async function findNextOpenItems(
  db: Db,
  guildId: string,
  userId: string,
  limit: number,
): Promise<ItemWithPhase[]> {
  const roadmap = await findFollowedRoadmap(db, guildId, userId);
  if (!roadmap) return [];
  const [items, statuses] = await Promise.all([
    listActiveItems(db, roadmap.id),
    findMemberStatuses(db, userId, roadmap.id),
  ]);
  return nextOpenItems(items, (itemId) => statuses.get(itemId) ?? 'todo', limit);
}
