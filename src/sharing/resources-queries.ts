import { sql } from 'kysely';
import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import { containsPattern } from '../db/like-pattern.js';
import type { NewResource, Resource, ResourceCategory } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { normalizeUrl } from '../shared/normalize-url.js';

export interface ResourceFilter {
  guildId: string;
  category?: ResourceCategory | undefined;
  itemId?: number | undefined;
  search?: string | undefined;
}

export type ResourceWithItem = Resource & { item_label: string | null };

/** The guild's resource with this link identity (`normalizeUrl(…).key`), the oldest if they repeat. */
export async function findResourceByKey(
  db: Db,
  guildId: string,
  urlKey: string,
): Promise<Resource | undefined> {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('url_key', '=', urlKey)
    .orderBy('id')
    .executeTakeFirst();
}

export async function findResource(
  db: Db,
  guildId: string,
  resourceId: number,
): Promise<Resource | undefined> {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('id', '=', resourceId)
    .executeTakeFirst();
}

/**
 * Stores a resource (its `url` already normalized) and its activity event together; `undefined`
 * when the guild already has this link by identity, so a race between two members adding it
 * ends in the same refusal.
 */
export async function createResource(
  db: Db,
  resource: Omit<NewResource, 'url_key'> & { user_id: string },
  roadmapId: number | null,
  defaultTimezone: string,
): Promise<Resource | undefined> {
  const normalized = normalizeUrl(resource.url);
  if (!normalized.ok) throw new Error(`createResource needs a normalized link: ${normalized.reason}`);
  return inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('resources')
      .values({ ...resource, url_key: normalized.key })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) return undefined;
    await recordActivity(
      trx,
      {
        guild_id: created.guild_id,
        user_id: resource.user_id,
        kind: 'resource_added',
        occurred_at: created.created_at,
        roadmap_id: roadmapId,
        item_id: created.item_id,
        subject_id: created.id,
        note: created.title,
        link: created.url,
      },
      defaultTimezone,
    );
    return created;
  });
}

export async function deleteResource(db: Db, guildId: string, resourceId: number): Promise<void> {
  await db.deleteFrom('resources').where('guild_id', '=', guildId).where('id', '=', resourceId).execute();
}

/** Upper bound on one listing; a library this large is better narrowed with filters. */
export const RESOURCE_LIST_LIMIT = 1_000;

/** The guild's resources matching `filter`, by category, newest first within one. */
export async function listResources(db: Db, filter: ResourceFilter): Promise<ResourceWithItem[]> {
  let query = db
    .selectFrom('resources')
    .leftJoin('roadmap_items', 'roadmap_items.id', 'resources.item_id')
    .selectAll('resources')
    .select('roadmap_items.label as item_label')
    .where('resources.guild_id', '=', filter.guildId);
  if (filter.category !== undefined) query = query.where('resources.category', '=', filter.category);
  if (filter.itemId !== undefined) query = query.where('resources.item_id', '=', filter.itemId);
  if (filter.search !== undefined) {
    const pattern = containsPattern(filter.search);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(resources.title) like ${pattern} escape '\\'`,
        sql<boolean>`lower(resources.note) like ${pattern} escape '\\'`,
        sql<boolean>`lower(resources.url) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query
    .orderBy('resources.category')
    .orderBy('resources.id', 'desc')
    .limit(RESOURCE_LIST_LIMIT)
    .execute();
}

/**
 * Autocomplete for /resources remove: what this member may remove (their own, or everything
 * when they moderate), matching the typed text.
 */
export async function findRemovableResources(
  db: Db,
  scope: { guildId: string; userId: string; moderator: boolean },
  typed: string,
  limit: number,
): Promise<Resource[]> {
  let query = db.selectFrom('resources').selectAll().where('guild_id', '=', scope.guildId);
  if (!scope.moderator) query = query.where('user_id', '=', scope.userId);
  if (typed.trim() !== '') {
    const pattern = containsPattern(typed.trim());
    query = query.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
  }
  return query.orderBy('id', 'desc').limit(limit).execute();
}
