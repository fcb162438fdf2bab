import type { Db } from './connection.js';

export interface MarkedDuplicate {
  table: 'resources' | 'projects';
  id: number;
  guildId: string;
  duplicateOf: number;
}

/**
 * Rows that already repeated an older one (same link in a server, same title for a member)
 * when migration 2026-12-01-001 made them unique: kept and marked, not merged, so an admin or
 * the member decides. Ids only: what members wrote never reaches the logs.
 */
export async function listMarkedDuplicates(db: Db): Promise<MarkedDuplicate[]> {
  const marked = async (table: MarkedDuplicate['table']) =>
    (
      await db
        .selectFrom(table)
        .select(['id', 'guild_id', 'duplicate_of'])
        .where('duplicate_of', 'is not', null)
        .$narrowType<{ duplicate_of: number }>()
        .orderBy('id')
        .execute()
    ).map((row) => ({ table, id: row.id, guildId: row.guild_id, duplicateOf: row.duplicate_of }));
  return [...(await marked('resources')), ...(await marked('projects'))];
}
