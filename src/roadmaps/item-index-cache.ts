import type { Db } from '../db/connection.js';
import type { Roadmap } from '../db/schema.js';
import { type ItemRef, listActiveItems } from './followed-roadmap.js';
import { buildItemIndex, type ItemIndex } from './item-search.js';

export type IndexedItem = ItemRef & { phaseTitle: string };

/**
 * Items indexed at most, over all roadmaps (a few hundred bytes each): the busiest roadmaps stay
 * in memory, and a bot in thousands of servers does not keep every one of them.
 */
const MAX_INDEXED_ITEMS = 50_000;

interface CachedIndex {
  version: number;
  /** Shared by the keystrokes that arrive while it is built, so it is built once. */
  index: Promise<ItemIndex<IndexedItem>>;
  items: number;
}

/** Per database, since roadmap ids only mean something within one. */
const cachesByDb = new WeakMap<Db, Map<number, CachedIndex>>();

async function loadIndex(db: Db, roadmapId: number): Promise<ItemIndex<IndexedItem>> {
  const items = await listActiveItems(db, roadmapId);
  return buildItemIndex(
    items.map(
      (item): IndexedItem => ({
        id: item.id,
        label: item.label,
        topic: item.topic,
        description: item.description,
        tags: item.tags,
        phase_id: item.phase_id,
        position: item.position,
        phase_title: item.phase_title,
        phaseTitle: item.phase_title,
      }),
    ),
  );
}

function evictBeyondLimit(cache: Map<number, CachedIndex>, keep: number): void {
  let total = 0;
  for (const cached of cache.values()) total += cached.items;
  // A Map iterates in insertion order and every use re-inserts, so the first is the least recent.
  for (const [roadmapId, cached] of cache) {
    if (total <= MAX_INDEXED_ITEMS) return;
    if (roadmapId === keep) continue;
    cache.delete(roadmapId);
    total -= cached.items;
  }
}

/**
 * The search index of a roadmap's current items, built once per version of the roadmap and
 * kept in memory. `roadmap` is a row read just now: an import bumps its version in the same
 * transaction as the items, so a version read before the items can only be older than them, and
 * the next read sees the newer version and rebuilds.
 */
export function roadmapItemIndex(
  db: Db,
  roadmap: Pick<Roadmap, 'id' | 'version'>,
): Promise<ItemIndex<IndexedItem>> {
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  const cached = cache.get(roadmap.id);
  cache.delete(roadmap.id);
  if (cached && cached.version === roadmap.version) {
    cache.set(roadmap.id, cached);
    return cached.index;
  }
  const entry: CachedIndex = { version: roadmap.version, index: loadIndex(db, roadmap.id), items: 0 };
  cache.set(roadmap.id, entry);
  const owner = cache;
  entry.index.then(
    (index) => {
      entry.items = index.entries.length;
      evictBeyondLimit(owner, roadmap.id);
    },
    () => {
      if (owner.get(roadmap.id) === entry) owner.delete(roadmap.id);
    },
  );
  return entry.index;
}
