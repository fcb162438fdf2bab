import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import type { Roadmap } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { UserError } from '../shared/user-error.js';
import { findRoadmapToReplace } from './import-roadmap.js';
import type { ParsedRoadmap } from './parse-roadmap.js';
import { diffRoadmap, type RoadmapDiff } from './roadmap-diff.js';
import { type ImportOutcome, loadStoredRoadmap, type RoadmapImport, reimportInto } from './store-roadmap.js';

/**
 * How long a previewed import is kept. The preview's buttons expire well before this; the margin
 * only keeps the prune job from racing a press.
 */
export const PENDING_IMPORT_LIFETIME_MS = 60 * 60_000;

export interface ImportPreview {
  /** Carried by the preview's buttons. */
  pendingId: string;
  roadmap: Roadmap;
  diff: RoadmapDiff;
}

/**
 * The dry run of `replace:True`: compares the file with the roadmap of that name, and keeps the
 * parsed file with the roadmap's version until Apply or Cancel. Nothing of the roadmap changes.
 */
export async function previewReimport(db: Db, input: RoadmapImport): Promise<ImportPreview> {
  const roadmap = await findRoadmapToReplace(db, input.guildId, input.name);
  const { stored } = await loadStoredRoadmap(db, roadmap.id);
  const diff = diffRoadmap(stored, input.parsed);
  const pendingId = randomBytes(9).toString('base64url');
  await db
    .insertInto('pending_roadmap_imports')
    .values({
      id: pendingId,
      guild_id: input.guildId,
      roadmap_id: roadmap.id,
      // Read before the items: a re-import in between makes Apply refuse rather than apply blind.
      roadmap_version: roadmap.version,
      user_id: input.userId,
      source: input.source,
      parsed: JSON.stringify(input.parsed),
      created_at: input.at.toISOString(),
    })
    .execute();
  return { pendingId, roadmap, diff };
}

export const IMPORT_NOT_PENDING =
  'This import was already applied or cancelled (or its roadmap was deleted). Run `/roadmap import` again to see a new preview.';
export const ROADMAP_CHANGED =
  'The roadmap changed since this preview; run the import again to see what it would change now. Nothing was changed.';

export interface ApplyPendingImport {
  guildId: string;
  pendingId: string;
  at: Date;
  defaultTimezone: string;
}

/**
 * Applies a previewed import once: the pending row is taken in the same transaction as the
 * re-import, so a second press finds nothing. The roadmap must still be at the previewed version;
 * then the re-import pairs items exactly as the preview did, and reports the same counts.
 */
export async function applyPendingImport(db: Db, input: ApplyPendingImport): Promise<ImportOutcome> {
  return inTransaction(db, async (trx) => {
    const pending = await trx
      .deleteFrom('pending_roadmap_imports')
      .where('id', '=', input.pendingId)
      .where('guild_id', '=', input.guildId)
      .returningAll()
      .executeTakeFirst();
    if (!pending) throw new UserError(IMPORT_NOT_PENDING);
    const roadmap = await trx
      .selectFrom('roadmaps')
      .selectAll()
      .where('id', '=', pending.roadmap_id)
      .executeTakeFirstOrThrow();
    if (roadmap.version !== pending.roadmap_version) throw new UserError(ROADMAP_CHANGED);
    return reimportInto(trx, roadmap, {
      guildId: pending.guild_id,
      userId: pending.user_id,
      name: roadmap.name,
      source: pending.source,
      parsed: JSON.parse(pending.parsed) as ParsedRoadmap,
      at: input.at,
      defaultTimezone: input.defaultTimezone,
    });
  });
}

/** Cancels a previewed import; false when it was no longer pending. */
export async function discardPendingImport(db: Db, guildId: string, pendingId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('pending_roadmap_imports')
    .where('id', '=', pendingId)
    .where('guild_id', '=', guildId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function deletePendingImportsBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('pending_roadmap_imports')
    .where('created_at', '<', cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
