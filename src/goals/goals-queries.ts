import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import type { Goal, NewGoal } from '../db/schema.js';
import { onOwnedShards } from '../db/shard-filter.js';
import { inTransaction } from '../db/transaction.js';
import { EVERY_SERVER, type ShardOwnership } from '../shared/shards.js';

export async function countOpenGoals(
  db: Db,
  guildId: string,
  userId: string,
  weekStart: string,
): Promise<number> {
  const row = await db
    .selectFrom('goals')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .where('week_start', '=', weekStart)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Stores a goal and logs `goal_set` (with the goal's text, for the digest), together. */
export async function createGoal(db: Db, goal: NewGoal, defaultTimezone: string): Promise<Goal> {
  const write = async (trx: Db) => {
    const created = await trx.insertInto('goals').values(goal).returningAll().executeTakeFirstOrThrow();
    await recordActivity(
      trx,
      {
        guild_id: created.guild_id,
        user_id: created.user_id,
        kind: 'goal_set',
        occurred_at: created.created_at,
        item_id: created.item_id,
        subject_id: created.id,
        note: created.text,
      },
      defaultTimezone,
    );
    return created;
  };
  return inTransaction(db, write);
}

export type GoalWithItem = Goal & { item_label: string | null };

/** A member's goals for one week, in the order they were set. */
export async function findGoalsForWeek(
  db: Db,
  guildId: string,
  userId: string,
  weekStart: string,
): Promise<GoalWithItem[]> {
  return db
    .selectFrom('goals')
    .leftJoin('roadmap_items', 'roadmap_items.id', 'goals.item_id')
    .selectAll('goals')
    .select('roadmap_items.label as item_label')
    .where('goals.guild_id', '=', guildId)
    .where('goals.user_id', '=', userId)
    .where('goals.week_start', '=', weekStart)
    .orderBy('goals.created_at')
    .orderBy('goals.id')
    .execute();
}

export async function findGoal(db: Db, guildId: string, goalId: number): Promise<Goal | undefined> {
  return db
    .selectFrom('goals')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('id', '=', goalId)
    .executeTakeFirst();
}

/** Goals the member can still complete: open, and their week not over at `now`. */
export async function findCompletableGoals(
  db: Db,
  guildId: string,
  userId: string,
  now: Date,
): Promise<Goal[]> {
  return db
    .selectFrom('goals')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .where('status', '=', 'open')
    .where('week_end_at', '>', now.toISOString())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Marks an open goal done and logs `goal_done`; undefined when it was no longer completable. */
export async function completeGoal(
  db: Db,
  goal: { id: number; at: Date },
  defaultTimezone: string,
): Promise<Goal | undefined> {
  return inTransaction(db, async (trx) => {
    const at = goal.at.toISOString();
    const done = await trx
      .updateTable('goals')
      .set({ status: 'done', completed_at: at })
      .where('id', '=', goal.id)
      .where('status', '=', 'open')
      .where('week_end_at', '>', at)
      .returningAll()
      .executeTakeFirst();
    if (!done) return undefined;
    await recordActivity(
      trx,
      {
        guild_id: done.guild_id,
        user_id: done.user_id,
        kind: 'goal_done',
        occurred_at: at,
        item_id: done.item_id,
        subject_id: done.id,
        note: done.text,
      },
      defaultTimezone,
    );
    return done;
  });
}

/**
 * Marks goals whose week ended by `now` as missed. Each `goal_missed` is dated at the end of
 * its week, not when this ran, so a late run (the bot was down) reports the same history.
 */
export async function markMissedGoals(
  db: Db,
  now: Date,
  defaultTimezone: string,
  shards: ShardOwnership = EVERY_SERVER,
): Promise<Goal[]> {
  return inTransaction(db, async (trx) => {
    const missed = await trx
      .updateTable('goals')
      .set({ status: 'missed' })
      .$call(onOwnedShards(shards))
      .where('status', '=', 'open')
      .where('week_end_at', '<=', now.toISOString())
      .returningAll()
      .execute();
    for (const goal of missed) {
      await recordActivity(
        trx,
        {
          guild_id: goal.guild_id,
          user_id: goal.user_id,
          kind: 'goal_missed',
          occurred_at: goal.week_end_at,
          item_id: goal.item_id,
          subject_id: goal.id,
          note: goal.text,
        },
        defaultTimezone,
      );
    }
    return missed;
  });
}
