import type { Db } from '../db/connection.js';
import type { Roadmap, RoadmapItem } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { ParsedItem, ParsedRoadmap } from './parse-roadmap.js';
import { chunked, type StatusChange, writeStatusChanges } from './progress-queries.js';
import {
  countChanges,
  diffRoadmap,
  type RoadmapChangeCounts,
  type RoadmapDiff,
  type StoredRoadmap,
} from './roadmap-diff.js';
import { saveRoadmapSource } from './roadmap-source.js';

/** Rows per multi-row insert: well under SQLite's bound-parameter limit for 11 columns. */
const INSERT_CHUNK = 200;

export interface RoadmapImport {
  guildId: string;
  /** The member importing: the file's `[x]` and status notes become their progress. */
  userId: string;
  name: string;
  /** `template:<name>` or the imported file's name. */
  source: string;
  parsed: ParsedRoadmap;
  at: Date;
  /** Places the importer's status changes in a week when the guild has no time zone of its own. */
  defaultTimezone: string;
}

export interface ImportOutcome {
  roadmap: Roadmap;
  /** True when this import created the roadmap (false: an existing one was updated). */
  created: boolean;
  /** What changed; a created roadmap's phases and items all count as added. */
  changes: RoadmapChangeCounts;
  /** Items whose status the file set for the importer. */
  statusesApplied: number;
}

async function insertPhases(trx: Db, roadmapId: number, parsed: ParsedRoadmap): Promise<number[]> {
  const rows = await trx
    .insertInto('roadmap_phases')
    .values(
      parsed.phases.map((phase) => ({
        roadmap_id: roadmapId,
        position: phase.index,
        title: phase.title,
        heading_level: phase.headingLevel,
      })),
    )
    .returning(['id', 'position'])
    .execute();
  const ids: number[] = [];
  for (const row of rows) ids[row.position] = row.id;
  return ids;
}

function itemColumns(item: ParsedItem, phaseIds: readonly number[], parentId: number | null, at: string) {
  const phaseId = phaseIds[item.phaseIndex];
  if (phaseId === undefined) throw new Error(`item ${item.key} has no phase ${item.phaseIndex}`);
  return {
    phase_id: phaseId,
    parent_item_id: parentId,
    key: item.key,
    label: item.label,
    markdown: item.markdown,
    section: item.section,
    topic: item.topic,
    description: item.description,
    tags: item.tags.length === 0 ? null : JSON.stringify(item.tags),
    depth: item.depth,
    position: item.position,
    active: 1 as const,
    updated_at: at,
  };
}

/**
 * Inserts items level by level (parents before their children), so each child's parent id is
 * known and every level goes in as a few multi-row inserts. Fills `idByKey` as it goes.
 */
async function insertItems(
  trx: Db,
  roadmapId: number,
  items: readonly ParsedItem[],
  phaseIds: readonly number[],
  idByKey: Map<string, number>,
  at: string,
): Promise<void> {
  const maxDepth = items.reduce((max, item) => Math.max(max, item.depth), -1);
  for (let depth = 0; depth <= maxDepth; depth += 1) {
    const level = items.filter((item) => item.depth === depth);
    for (const chunk of chunked(level, INSERT_CHUNK)) {
      const rows = await trx
        .insertInto('roadmap_items')
        .values(
          chunk.map((item) => ({
            roadmap_id: roadmapId,
            created_at: at,
            ...itemColumns(item, phaseIds, parentIdOf(item, idByKey), at),
          })),
        )
        .returning(['id', 'key'])
        .execute();
      for (const row of rows) idByKey.set(row.key, row.id);
    }
  }
}

function parentIdOf(item: ParsedItem, idByKey: ReadonlyMap<string, number>): number | null {
  return item.parentKey === null ? null : (idByKey.get(item.parentKey) ?? null);
}

async function applyImportedStatuses(
  trx: Db,
  input: RoadmapImport,
  roadmapId: number,
  idByKey: ReadonlyMap<string, number>,
): Promise<number> {
  const changes: StatusChange[] = [];
  for (const item of input.parsed.items) {
    const itemId = idByKey.get(item.key);
    // An unchecked box says nothing about the importer: it never erases progress they recorded.
    if (itemId !== undefined && item.status !== 'todo') changes.push({ itemId, status: item.status });
  }
  const applied = await writeStatusChanges(
    trx,
    {
      guildId: input.guildId,
      userId: input.userId,
      roadmapId,
      at: input.at,
      defaultTimezone: input.defaultTimezone,
    },
    changes,
    'item_status_imported',
  );
  return applied.length;
}

/** Creates a roadmap with its phases and items; the guild's first roadmap becomes its default. */
export async function createRoadmap(db: Db, input: RoadmapImport): Promise<ImportOutcome> {
  return inTransaction(db, async (trx) => {
    const at = input.at.toISOString();
    const existing = await trx
      .selectFrom('roadmaps')
      .select('id')
      .where('guild_id', '=', input.guildId)
      .executeTakeFirst();
    const roadmap = await trx
      .insertInto('roadmaps')
      .values({
        guild_id: input.guildId,
        name: input.name,
        title: input.parsed.title,
        source: input.source,
        is_default: existing ? 0 : 1,
        created_by: input.userId,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const phaseIds = await insertPhases(trx, roadmap.id, input.parsed);
    const idByKey = new Map<string, number>();
    await insertItems(trx, roadmap.id, input.parsed.items, phaseIds, idByKey, at);
    await saveRoadmapSource(trx, roadmap.id, input.parsed);
    const statusesApplied = await applyImportedStatuses(trx, input, roadmap.id, idByKey);
    const changes = countChanges(diffRoadmap({ phases: [], items: [] }, input.parsed));
    return { roadmap, created: true, changes, statusesApplied };
  });
}

/**
 * A roadmap's stored phases and items (retired ones included, which a re-import can bring back)
 * with the members who have progress on each item, as `diffRoadmap` compares them with a file.
 */
export async function loadStoredRoadmap(
  db: Db,
  roadmapId: number,
): Promise<{ stored: StoredRoadmap; rows: RoadmapItemRow[] }> {
  const phases = await db
    .selectFrom('roadmap_phases')
    .selectAll()
    .where('roadmap_id', '=', roadmapId)
    .orderBy('id')
    .execute();
  const rows = await db
    .selectFrom('roadmap_items')
    .innerJoin('roadmap_phases', 'roadmap_phases.id', 'roadmap_items.phase_id')
    .selectAll('roadmap_items')
    .select('roadmap_phases.title as phase_title')
    .where('roadmap_items.roadmap_id', '=', roadmapId)
    .orderBy('roadmap_items.id')
    .execute();
  const progress = await db
    .selectFrom('member_progress')
    .innerJoin('roadmap_items', 'roadmap_items.id', 'member_progress.item_id')
    .select([
      'member_progress.item_id',
      (eb) => eb.fn.count<number>('member_progress.user_id').distinct().as('members'),
    ])
    .where('roadmap_items.roadmap_id', '=', roadmapId)
    .groupBy('member_progress.item_id')
    .execute();
  const membersByItem = new Map(progress.map((row) => [row.item_id, Number(row.members)]));
  return {
    stored: {
      phases: phases.map((phase) => ({
        id: phase.id,
        title: phase.title,
        position: phase.position,
        active: phase.active === 1,
      })),
      items: rows.map((row) => ({
        id: row.id,
        key: row.key,
        label: row.label,
        markdown: row.markdown,
        topic: row.topic,
        phaseId: row.phase_id,
        phaseTitle: row.phase_title,
        position: row.position,
        active: row.active === 1,
        membersWithProgress: membersByItem.get(row.id) ?? 0,
      })),
    },
    rows,
  };
}

type RoadmapItemRow = RoadmapItem & { phase_title: string };

/**
 * Updates or inserts the file's phases as the diff paired them (by title, or as a renamed phase),
 * so a phase keeps its id across imports; unpaired stored phases are marked inactive, not deleted.
 */
async function upsertPhases(
  trx: Db,
  roadmapId: number,
  parsed: ParsedRoadmap,
  diff: RoadmapDiff,
  stored: StoredRoadmap,
): Promise<number[]> {
  const phaseIds: number[] = [];
  for (const phase of parsed.phases) {
    const storedId = diff.phaseIds[phase.index] ?? null;
    const values = {
      position: phase.index,
      title: phase.title,
      heading_level: phase.headingLevel,
      active: 1 as const,
    };
    if (storedId !== null) {
      await trx.updateTable('roadmap_phases').set(values).where('id', '=', storedId).execute();
      phaseIds[phase.index] = storedId;
    } else {
      const row = await trx
        .insertInto('roadmap_phases')
        .values({ roadmap_id: roadmapId, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      phaseIds[phase.index] = row.id;
    }
  }
  const kept = new Set(phaseIds);
  const retired = stored.phases
    .filter((phase) => phase.active && !kept.has(phase.id))
    .map((phase) => phase.id);
  if (retired.length > 0) {
    await trx.updateTable('roadmap_phases').set({ active: 0 }).where('id', 'in', retired).execute();
  }
  return phaseIds;
}

/**
 * Re-imports an edited file into an existing roadmap, in one transaction. See `reimportInto`.
 */
export async function reimportRoadmap(
  db: Db,
  roadmap: Roadmap,
  input: RoadmapImport,
): Promise<ImportOutcome> {
  return inTransaction(db, (trx) => reimportInto(trx, roadmap, input));
}

/**
 * Re-imports within the caller's transaction. Items are paired with stored ones as `diffRoadmap`
 * reports them (by key, then same text elsewhere, then similar text) and updated in place, so
 * progress attached to their ids stays; new items are inserted; items gone from the file are
 * marked inactive, keeping their progress for when they come back. The outcome counts the same
 * changes a preview of this import showed.
 */
export async function reimportInto(trx: Db, roadmap: Roadmap, input: RoadmapImport): Promise<ImportOutcome> {
  const at = input.at.toISOString();
  const { stored, rows } = await loadStoredRoadmap(trx, roadmap.id);
  const diff = diffRoadmap(stored, input.parsed);
  const { matching } = diff;
  const phaseIds = await upsertPhases(trx, roadmap.id, input.parsed, diff, stored);
  const storedById = new Map(rows.map((row) => [row.id, row]));
  const parsedByKey = new Map(input.parsed.items.map((item) => [item.key, item]));
  const idByKey = new Map(matching.matched.map((match) => [match.newKey, match.oldId]));

  // Matched items may trade keys with each other; parking the changing ones on a unique
  // temporary key first keeps the (roadmap, key) constraint satisfied at every step.
  const rekeyed = matching.matched.filter((match) => storedById.get(match.oldId)?.key !== match.newKey);
  for (const match of rekeyed) {
    await trx
      .updateTable('roadmap_items')
      .set({ key: `~reimport~${match.oldId}` })
      .where('id', '=', match.oldId)
      .execute();
  }

  const added = matching.added.flatMap((key) => parsedByKey.get(key) ?? []);
  await insertItems(trx, roadmap.id, added, phaseIds, idByKey, at);

  for (const match of matching.matched) {
    const item = parsedByKey.get(match.newKey);
    const row = storedById.get(match.oldId);
    if (!item || !row) continue;
    const columns = itemColumns(item, phaseIds, parentIdOf(item, idByKey), at);
    const { updated_at: _, ...compared } = columns;
    const differs = (Object.keys(compared) as (keyof typeof compared)[]).some(
      (column) => compared[column] !== row[column],
    );
    if (differs) await trx.updateTable('roadmap_items').set(columns).where('id', '=', match.oldId).execute();
  }

  for (const ids of chunked(matching.removed, INSERT_CHUNK)) {
    await trx
      .updateTable('roadmap_items')
      .set({ active: 0, updated_at: at })
      .where('id', 'in', ids)
      .execute();
  }

  const updated = await trx
    .updateTable('roadmaps')
    .set((eb) => ({
      title: input.parsed.title,
      source: input.source,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', roadmap.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await saveRoadmapSource(trx, roadmap.id, input.parsed);
  const statusesApplied = await applyImportedStatuses(trx, input, roadmap.id, idByKey);
  return { roadmap: updated, created: false, changes: countChanges(diff), statusesApplied };
}
