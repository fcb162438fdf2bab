import type { Db } from '../db/connection.js';
import type { ItemStatus } from '../db/schema.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  type ItemWithPhase,
  listActiveItems,
} from '../roadmaps/followed-roadmap.js';
import { isFinished } from '../roadmaps/item-status.js';

/** What to do next: items already being learned, then the first untouched ones, in roadmap order. */
export function pickNextOpenItems(
  items: readonly ItemWithPhase[],
  statuses: ReadonlyMap<number, ItemStatus>,
  limit: number,
): ItemWithPhase[] {
  const statusOf = (item: ItemWithPhase) => statuses.get(item.id) ?? 'todo';
  const open = items.filter((item) => !isFinished(statusOf(item)));
  const learning = open.filter((item) => statusOf(item) === 'learning');
  const rest = open.filter((item) => statusOf(item) !== 'learning');
  return [...learning, ...rest].slice(0, limit);
}

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
  return pickNextOpenItems(items, statuses, limit);
}
