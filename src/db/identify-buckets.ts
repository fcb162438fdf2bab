import type { Db } from './connection.js';

/**
 * Takes the bucket's turn to IDENTIFY if its last one was at least `intervalMs` ago: 0 when
 * taken, otherwise how long to wait before asking again. Of processes racing for one turn
 * exactly one gets it: the insert of a bucket's first row, and every later move of its time,
 * succeed only from the value the process read.
 */
export async function takeIdentifyTurn(
  db: Db,
  turn: { bucket: number; by: string; now: Date; intervalMs: number },
): Promise<number> {
  const row = { identified_at: turn.now.toISOString(), identified_by: turn.by };
  const last = await db
    .selectFrom('identify_buckets')
    .select('identified_at')
    .where('bucket', '=', turn.bucket)
    .executeTakeFirst();
  if (!last) {
    const inserted = await db
      .insertInto('identify_buckets')
      .values({ bucket: turn.bucket, ...row })
      .onConflict((conflict) => conflict.column('bucket').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 0 : turn.intervalMs;
  }
  const wait = new Date(last.identified_at).getTime() + turn.intervalMs - turn.now.getTime();
  if (wait > 0) return wait;
  const moved = await db
    .updateTable('identify_buckets')
    .set(row)
    .where('bucket', '=', turn.bucket)
    .where('identified_at', '=', last.identified_at)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1 ? 0 : turn.intervalMs;
}
