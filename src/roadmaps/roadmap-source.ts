import type { Db } from '../db/connection.js';
import type { MarkedSource, ParsedItem } from './parse-roadmap.js';

type MarkedItem = Pick<ParsedItem, 'key' | 'status' | 'marks'>;

/**
 * Keeps the text a roadmap was imported from, with where each item's marks are in it, replacing
 * the previous import's: an export then rewrites the marks without reading the file again.
 */
export async function saveRoadmapSource(trx: Db, roadmapId: number, parsed: MarkedSource): Promise<void> {
  const values = {
    markdown: parsed.source,
    marks: JSON.stringify(parsed.items.map(({ key, status, marks }): MarkedItem => ({ key, status, marks }))),
  };
  await trx
    .insertInto('roadmap_sources')
    .values({ roadmap_id: roadmapId, ...values })
    .onConflict((conflict) => conflict.column('roadmap_id').doUpdateSet(values))
    .execute();
}

/** The roadmap's last imported text and marks; undefined for roadmaps imported before they were kept. */
export async function findRoadmapSource(db: Db, roadmapId: number): Promise<MarkedSource | undefined> {
  const row = await db
    .selectFrom('roadmap_sources')
    .select(['markdown', 'marks'])
    .where('roadmap_id', '=', roadmapId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Written by saveRoadmapSource only, from a parse.
  return { source: row.markdown, items: JSON.parse(row.marks) as MarkedItem[] };
}
