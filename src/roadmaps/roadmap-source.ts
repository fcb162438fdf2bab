import type { Db } from '../db/connection.js';

/** Keeps the text a roadmap was imported from, replacing the previous import's. */
export async function saveRoadmapSource(trx: Db, roadmapId: number, markdown: string): Promise<void> {
  await trx
    .insertInto('roadmap_sources')
    .values({ roadmap_id: roadmapId, markdown })
    .onConflict((conflict) => conflict.column('roadmap_id').doUpdateSet({ markdown }))
    .execute();
}

/** The text of the roadmap's last import; undefined for roadmaps imported before it was kept. */
export async function findRoadmapSource(db: Db, roadmapId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('roadmap_sources')
    .select('markdown')
    .where('roadmap_id', '=', roadmapId)
    .executeTakeFirst();
  return row?.markdown;
}
