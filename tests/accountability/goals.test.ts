import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { ActivityKind } from '../../src/db/schema.js';
import { completeWeeklyGoal, parseGoalOption, setWeeklyGoal } from '../../src/goals/goals.js';
import { findCompletableGoals, findGoalsForWeek, markMissedGoals } from '../../src/goals/goals-queries.js';
import { fixedClock } from '../../src/shared/clock.js';
import { UserError } from '../../src/shared/user-error.js';
import { useTestDatabase } from '../support/database.js';
import { eventsOfKind } from './activity-log.js';
import { createTestContext } from './test-context.js';

const GUILD = '100000000000000001';
const MEMBER = { guildId: GUILD, userId: '200000000000000001' };
const OTHER = { guildId: GUILD, userId: '200000000000000002' };

describe('weekly goals', () => {
  const handle = useTestDatabase();
  let ctx: AppContext;
  // Wednesday 25 November 2026, 12:00 in Berlin.
  const clock = fixedClock('2026-11-25T11:00:00Z');

  beforeEach(async () => {
    clock.set('2026-11-25T11:00:00Z');
    ctx = createTestContext(handle, clock);
    await handle.db
      .insertInto('guild_settings')
      .values({ guild_id: GUILD, timezone: 'Europe/Berlin', updated_at: '2026-11-01T00:00:00Z' })
      .execute();
  });

  const events = (kind: ActivityKind) => eventsOfKind(handle.db, kind);

  it('GIVEN a goal THEN it belongs to the guild’s current week, ending next Monday 00:00 local', async () => {
    const { goal, openCount } = await setWeeklyGoal(ctx, MEMBER, {
      text: '  Finish the decorators chapter ',
      itemId: null,
    });
    expect(goal).toMatchObject({
      text: 'Finish the decorators chapter',
      week_start: '2026-11-23',
      week_end_at: '2026-11-29T23:00:00.000Z',
      status: 'open',
    });
    expect(openCount).toBe(1);
    expect(await events('goal_set')).toMatchObject([{ user_id: MEMBER.userId, subject_id: goal.id }]);
  });

  it('GIVEN three open goals this week THEN a fourth is refused and nothing is stored', async () => {
    for (const text of ['one', 'two', 'three']) await setWeeklyGoal(ctx, MEMBER, { text, itemId: null });
    await expect(setWeeklyGoal(ctx, MEMBER, { text: 'four', itemId: null })).rejects.toThrow(
      /already have 3 open goals/,
    );
    expect(await findGoalsForWeek(handle.db, GUILD, MEMBER.userId, '2026-11-23')).toHaveLength(3);
    expect(await events('goal_set')).toHaveLength(3);
  });

  it('GIVEN one of three goals done THEN another can be set', async () => {
    const { goal } = await setWeeklyGoal(ctx, MEMBER, { text: 'one', itemId: null });
    await setWeeklyGoal(ctx, MEMBER, { text: 'two', itemId: null });
    await setWeeklyGoal(ctx, MEMBER, { text: 'three', itemId: null });
    await completeWeeklyGoal(ctx, MEMBER, goal.id);
    await expect(setWeeklyGoal(ctx, MEMBER, { text: 'four', itemId: null })).resolves.toBeDefined();
  });

  it.each([
    ['empty text', '   ', /needs a few words/],
    ['over-long text', 'x'.repeat(201), /within 200 characters/],
  ])('GIVEN %s THEN the goal is refused', async (_case, text, message) => {
    await expect(setWeeklyGoal(ctx, MEMBER, { text, itemId: null })).rejects.toThrow(message);
    expect(await events('goal_set')).toEqual([]);
  });

  it('GIVEN a goal done THEN goal_done is logged and it is no longer offered', async () => {
    const { goal } = await setWeeklyGoal(ctx, MEMBER, { text: 'one', itemId: null });
    expect(await completeWeeklyGoal(ctx, MEMBER, goal.id)).toMatchObject({ status: 'done' });
    expect(await events('goal_done')).toMatchObject([{ subject_id: goal.id }]);
    expect(await findCompletableGoals(handle.db, GUILD, MEMBER.userId, clock.now())).toEqual([]);
  });

  it('GIVEN someone else’s goal, a done goal or a finished week THEN completing is refused', async () => {
    const { goal } = await setWeeklyGoal(ctx, MEMBER, { text: 'one', itemId: null });
    await expect(completeWeeklyGoal(ctx, OTHER, goal.id)).rejects.toThrow(/not one of your goals/);
    await expect(completeWeeklyGoal(ctx, MEMBER, 999)).rejects.toThrow(/not one of your goals/);
    const { goal: second } = await setWeeklyGoal(ctx, MEMBER, { text: 'two', itemId: null });
    await completeWeeklyGoal(ctx, MEMBER, second.id);
    await expect(completeWeeklyGoal(ctx, MEMBER, second.id)).rejects.toThrow(/already done/);
    clock.set('2026-11-29T23:00:00Z'); // Monday 00:00 in Berlin
    await expect(completeWeeklyGoal(ctx, MEMBER, goal.id)).rejects.toThrow(/week for “one” is over/);
    expect(await events('goal_done')).toHaveLength(1);
  });

  it('GIVEN goals still open when their week ends THEN they are marked missed, dated at the week’s end, once', async () => {
    const { goal } = await setWeeklyGoal(ctx, MEMBER, { text: 'one', itemId: null });
    const { goal: kept } = await setWeeklyGoal(ctx, MEMBER, { text: 'two', itemId: null });
    await completeWeeklyGoal(ctx, MEMBER, kept.id);
    expect(await markMissedGoals(handle.db, new Date('2026-11-29T22:59:00Z'), 'UTC')).toEqual([]);
    const missed = await markMissedGoals(handle.db, new Date('2026-11-30T05:00:00Z'), 'UTC');
    expect(missed.map((row) => row.id)).toEqual([goal.id]);
    expect(await events('goal_missed')).toMatchObject([
      { subject_id: goal.id, occurred_at: '2026-11-29T23:00:00.000Z' },
    ]);
    expect(await markMissedGoals(handle.db, new Date('2026-11-30T06:00:00Z'), 'UTC')).toEqual([]);
  });

  it.each(['abc', '0', '-3', '1.5', ''])('GIVEN the goal option %j THEN it is refused', (value) => {
    expect(() => parseGoalOption(value)).toThrow(UserError);
  });
});
