import type { Db } from './connection.js';

/**
 * Claims a fleet-wide job's firing; true for exactly one process per (job, firing), however
 * many race for it.
 */
export async function claimJobFiring(
  db: Db,
  claim: { job: string; firing: Date; claimedBy: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('job_claims')
    .values({
      job: claim.job,
      firing: claim.firing.toISOString(),
      claimed_by: claim.claimedBy,
      claimed_at: claim.now.toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['job', 'firing']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Claims older than this are only history; the pruning job drops them. */
export async function deleteJobClaimsBefore(db: Db, cutoff: Date): Promise<void> {
  await db.deleteFrom('job_claims').where('claimed_at', '<', cutoff.toISOString()).execute();
}
