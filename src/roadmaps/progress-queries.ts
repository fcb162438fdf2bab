import { recordActivity } from '../core/record-activity.js';
import type { StreakContext } from '../core/streaks.js';
import type { Db } from '../db/connection.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { ActivityKind, ItemStatus } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { FINISHED_STATUSES } from './item-status.js';

export interface MemberRef {
  guildId: string;
  userId: string;
}

export interface StatusChange {
  itemId: number;
  status: ItemStatus;
  note?: string | null;
  link?: string | null;
}

export interface AppliedChange {
  itemId: number;
  from: ItemStatus;
  to: ItemStatus;
  /** The member's streak after the change, when it counts towards one (their own changes). */
  streak: StreakContext | undefined;
}

const currentStatus = preparedQuery((db, p: { userId: string; itemId: number }) =>
  db
    .selectFrom('member_progress')
    .select(['item_id', 'status'])
    .where('user_id', '=', p.userId)
    .where('item_id', '=', p.itemId),
);

/** The member's stored statuses of these items (items without a row are absent: `todo`). */
async function findCurrentStatuses(
  db: Db,
  userId: string,
  itemIds: readonly number[],
): Promise<Map<number, ItemStatus>> {
  const current = new Map<number, ItemStatus>();
  // One item is every /check: a prepared statement. An import's many are read 500 at a time.
  if (itemIds.length === 1) {
    const row = await currentStatus.executeTakeFirst(db, { userId, itemId: itemIds[0]! });
    if (row) current.set(row.item_id, row.status);
    return current;
  }
  for (const chunk of chunked(itemIds, 500)) {
    const rows = await db
      .selectFrom('member_progress')
      .select(['item_id', 'status'])
      .where('user_id', '=', userId)
      .where('item_id', 'in', chunk)
      .execute();
    for (const row of rows) current.set(row.item_id, row.status);
  }
  return current;
}

const saveProgress = preparedQuery(
  (
    db,
    p: {
      guildId: string;
      userId: string;
      itemId: number;
      status: ItemStatus;
      note: string | null;
      link: string | null;
      at: string;
    },
  ) => {
    const values = { status: p.status, note: p.note, link: p.link, updated_at: p.at };
    return db
      .insertInto('member_progress')
      .values({ guild_id: p.guildId, user_id: p.userId, item_id: p.itemId, ...values })
      .onConflict((conflict) => conflict.columns(['user_id', 'item_id']).doUpdateSet(values));
  },
);

/**
 * Writes a member's new statuses and appends one event per real change: `item_status` for a
 * member's own change, `item_status_imported` for marks read from an imported file (so an
 * imported history is kept without counting as this week's work in digests and streaks). Runs
 * inside the caller's transaction; an item already at the requested status is left alone and
 * records nothing, so repeating a command never inflates the history.
 */
export async function writeStatusChanges(
  trx: Db,
  member: MemberRef & { roadmapId: number; at: Date; defaultTimezone: string },
  changes: readonly StatusChange[],
  kind: Extract<ActivityKind, 'item_status' | 'item_status_imported'>,
): Promise<AppliedChange[]> {
  if (changes.length === 0) return [];
  const current = await findCurrentStatuses(
    trx,
    member.userId,
    changes.map((change) => change.itemId),
  );
  const at = member.at.toISOString();
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    const from = current.get(change.itemId) ?? 'todo';
    if (from === change.status) continue;
    const values = { status: change.status, note: change.note ?? null, link: change.link ?? null, at };
    await saveProgress.run(trx, {
      guildId: member.guildId,
      userId: member.userId,
      itemId: change.itemId,
      ...values,
    });
    const streak = await recordActivity(
      trx,
      {
        guild_id: member.guildId,
        user_id: member.userId,
        kind,
        occurred_at: at,
        roadmap_id: member.roadmapId,
        item_id: change.itemId,
        from_status: from,
        to_status: change.status,
        note: values.note,
        link: values.link,
      },
      member.defaultTimezone,
    );
    current.set(change.itemId, change.status);
    applied.push({ itemId: change.itemId, from, to: change.status, streak });
  }
  return applied;
}

export interface SetItemStatusInput extends MemberRef {
  itemId: number;
  /** The item's roadmap, when the caller has already resolved the item; read from the item otherwise. */
  roadmapId?: number;
  status: ItemStatus;
  note?: string | null;
  link?: string | null;
  at: Date;
  defaultTimezone: string;
}

export interface SetItemStatusResult {
  changed: boolean;
  from: ItemStatus;
  to: ItemStatus;
  /** The member's streak after a change; unknown (not read) when nothing changed. */
  streak?: StreakContext | undefined;
}

/** Sets one member's status on one item, with its event, in one transaction (the caller's, if any). */
export async function setItemStatus(db: Db, input: SetItemStatusInput): Promise<SetItemStatusResult> {
  return inTransaction(db, async (trx) => {
    const roadmapId =
      input.roadmapId ??
      (
        await trx
          .selectFrom('roadmap_items')
          .select(['roadmap_id'])
          .where('id', '=', input.itemId)
          .executeTakeFirstOrThrow()
      ).roadmap_id;
    const [applied] = await writeStatusChanges(
      trx,
      {
        guildId: input.guildId,
        userId: input.userId,
        roadmapId,
        at: input.at,
        defaultTimezone: input.defaultTimezone,
      },
      [input],
      'item_status',
    );
    if (applied) return { changed: true, from: applied.from, to: applied.to, streak: applied.streak };
    return { changed: false, from: input.status, to: input.status };
  });
}

export interface PhaseTally {
  total: number;
  finished: number;
}

const phaseTally = preparedQuery((db, p: { userId: string; phaseId: number }) =>
  db
    .selectFrom('roadmap_items')
    .leftJoin('member_progress', (join) =>
      join
        .onRef('member_progress.item_id', '=', 'roadmap_items.id')
        .on('member_progress.user_id', '=', p.userId),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .count<number>('member_progress.status')
        .filterWhere('member_progress.status', 'in', FINISHED_STATUSES)
        .as('finished'),
    ])
    .where('roadmap_items.phase_id', '=', p.phaseId)
    .where('roadmap_items.active', '=', 1),
);

/**
 * How many of a phase's current items a member has finished (done or skipped). Counted in SQL:
 * every /check asks, and one row costs less than a row per item of the phase.
 */
export async function findPhaseTally(db: Db, userId: string, phaseId: number): Promise<PhaseTally> {
  const { total, finished } = await phaseTally.executeTakeFirstOrThrow(db, { userId, phaseId });
  return { total, finished };
}

export function chunked<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}
