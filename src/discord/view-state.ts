import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';

/**
 * Stores what a paginated view needs to render another page (filters, search text), so
 * that its buttons only carry a short id and keep working after a restart.
 */
export async function saveViewState(
  db: Db,
  owner: { guildId: string; userId: string },
  payload: unknown,
  now: Date,
): Promise<string> {
  const id = randomBytes(6).toString('base64url');
  await db
    .insertInto('view_states')
    .values({
      id,
      guild_id: owner.guildId,
      user_id: owner.userId,
      payload: JSON.stringify(payload),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function loadViewState<T>(
  db: Db,
  id: string,
): Promise<{ userId: string; payload: T } | undefined> {
  const row = await db
    .selectFrom('view_states')
    .select(['user_id', 'payload'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { userId: row.user_id, payload: JSON.parse(row.payload) as T } : undefined;
}

export async function deleteViewStatesBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('view_states')
    .where('created_at', '<', cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
