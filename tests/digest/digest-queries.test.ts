import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { findDigestActivity } from '../../src/digest/digest-queries.js';
import { createTestDatabase } from '../support/database.js';
import { completeItem, GUILD_ID, insertEvents, seedRoadmap } from './digest-fixtures.js';

// The week before Monday 30 November 2026, 09:00 Europe/Berlin.
const period = { start: new Date('2026-11-23T08:00:00.000Z'), end: new Date('2026-11-30T08:00:00.000Z') };
const DAY_MS = 24 * 60 * 60 * 1000;
const during = (days: number, hours = 1) =>
  new Date(period.start.getTime() + days * DAY_MS + hours * 3_600_000).toISOString();
const weeksBefore = (weeks: number) =>
  new Date(period.start.getTime() - weeks * 7 * DAY_MS + DAY_MS).toISOString();

const options = {
  guildId: GUILD_ID,
  period,
  timezone: 'Europe/Berlin',
  memberLimit: 20,
  learningLimit: 10,
  feedbackLimit: 5,
};

describe('findDigestActivity', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await createTestDatabase();
  });
  afterEach(async () => {
    await handle.close();
  });

  async function seedWeek(): Promise<void> {
    const { db } = handle;
    const roadmap = await seedRoadmap(db, GUILD_ID, [2, 3]);
    const [phase1, phase2] = roadmap.phases;
    if (!phase1 || !phase2) throw new Error('seed');
    await db
      .insertInto('member_roadmaps')
      .values({
        guild_id: GUILD_ID,
        user_id: 'dan',
        roadmap_id: roadmap.roadmapId,
        followed_at: weeksBefore(10),
      })
      .execute();
    // Ada finishes phase 1 and starts phase 2, shares two learnings, and set goals the three weeks before.
    await completeItem(db, 'ada', roadmap.roadmapId, phase1.items[0] ?? 0, during(0));
    await completeItem(db, 'ada', roadmap.roadmapId, phase1.items[1] ?? 0, during(1));
    await completeItem(db, 'ada', roadmap.roadmapId, phase2.items[0] ?? 0, during(2));
    await insertEvents(db, [
      {
        user_id: 'ada',
        kind: 'learning_shared',
        occurred_at: during(3),
        subject_id: 1,
        note: 'Generators are lazy',
        link: 'https://discord.com/channels/1/2/3',
      },
      {
        user_id: 'ada',
        kind: 'learning_shared',
        occurred_at: during(4),
        subject_id: 2,
        note: null,
        link: null,
      },
      { user_id: 'ada', kind: 'goal_set', occurred_at: weeksBefore(1) },
      { user_id: 'ada', kind: 'goal_set', occurred_at: weeksBefore(2) },
      { user_id: 'ada', kind: 'goal_set', occurred_at: weeksBefore(3) },
      {
        user_id: 'ada',
        kind: 'feedback_requested',
        occurred_at: weeksBefore(2),
        subject_id: 2,
        note: 'Answered already',
      },
      {
        user_id: 'fred',
        kind: 'feedback_given',
        occurred_at: weeksBefore(2),
        subject_id: 2,
        target_user_id: 'ada',
      },
    ]);
    // Bob: one item now and one last week, a resource, one project created and updated, another updated, a request.
    await completeItem(db, 'bob', roadmap.roadmapId, phase2.items[1] ?? 0, during(2, 5));
    await completeItem(db, 'bob', roadmap.roadmapId, phase2.items[2] ?? 0, weeksBefore(1));
    await insertEvents(db, [
      { user_id: 'bob', kind: 'resource_added', occurred_at: during(5), subject_id: 7 },
      { user_id: 'bob', kind: 'project_created', occurred_at: during(5), subject_id: 10 },
      { user_id: 'bob', kind: 'project_updated', occurred_at: during(6), subject_id: 10 },
      { user_id: 'bob', kind: 'project_updated', occurred_at: during(6), subject_id: 11 },
      {
        user_id: 'bob',
        kind: 'feedback_requested',
        occurred_at: during(1),
        subject_id: 1,
        note: 'Review my CLI',
        link: 'https://discord.com/channels/1/9',
      },
      {
        user_id: 'bob',
        kind: 'feedback_requested',
        occurred_at: weeksBefore(6),
        subject_id: 3,
        note: 'Too old to list',
      },
      // Eve: active from the very first instant of the week; her own request is resolved the same week.
      { user_id: 'eve', kind: 'goal_set', occurred_at: period.start.toISOString() },
      { user_id: 'eve', kind: 'feedback_requested', occurred_at: during(2), subject_id: 4, note: 'Resolved' },
      { user_id: 'eve', kind: 'feedback_resolved', occurred_at: during(3), subject_id: 4 },
      { user_id: 'eve', kind: 'goal_set', occurred_at: period.end.toISOString() },
      // Cleo was active last week only.
      { user_id: 'cleo', kind: 'learning_shared', occurred_at: weeksBefore(1) },
    ]);
    await insertEvents(
      db,
      [{ user_id: 'zed', kind: 'learning_shared', occurred_at: during(1) }],
      'another-guild',
    );
    // Ada's second learning as the sharing feature stores it, posted publicly.
    await db
      .insertInto('learnings')
      .values({
        id: 2,
        guild_id: GUILD_ID,
        user_id: 'ada',
        text: 'Slots save memory',
        link: null,
        item_id: null,
        channel_id: '700',
        message_id: '701',
        thread_id: null,
        created_at: during(4),
      })
      .execute();
    // Bob's request as the accountability feature stores it, and Eve's second one, already answered in its thread.
    await db
      .insertInto('feedback_requests')
      .values([
        {
          id: 1,
          guild_id: GUILD_ID,
          requester_id: 'bob',
          topic: 'Review my CLI',
          link: null,
          details: null,
          channel_id: '700',
          message_id: '702',
          thread_id: '703',
          created_at: during(1),
        },
        {
          id: 5,
          guild_id: GUILD_ID,
          requester_id: 'eve',
          topic: 'Answered in thread',
          link: null,
          details: null,
          channel_id: '700',
          message_id: '704',
          thread_id: '705',
          created_at: during(2),
        },
      ])
      .execute();
    await insertEvents(db, [
      {
        user_id: 'eve',
        kind: 'feedback_requested',
        occurred_at: during(2),
        subject_id: 5,
        note: 'Answered in thread',
      },
    ]);
    await db
      .insertInto('thread_replies')
      .values({
        thread_id: '705',
        user_id: 'fred',
        guild_id: GUILD_ID,
        reply_count: 1,
        first_reply_at: during(3),
        last_reply_at: during(3),
      })
      .execute();
    // Streaks as the accountability feature keeps them: Ada's is alive, Bob's broke a week ago.
    await db
      .insertInto('member_streaks')
      .values([
        {
          guild_id: GUILD_ID,
          user_id: 'ada',
          current_weeks: 4,
          longest_weeks: 6,
          last_active_week: '2026-11-23',
          updated_at: during(4),
        },
        {
          guild_id: GUILD_ID,
          user_id: 'bob',
          current_weeks: 2,
          longest_weeks: 2,
          last_active_week: '2026-11-16',
          updated_at: during(4),
        },
      ])
      .execute();
  }

  it('GIVEN a week of activity THEN totals, members, phases, learnings, open requests, quiet members and days add up', async () => {
    await seedWeek();
    const activity = await findDigestActivity(handle.db, options);

    expect(activity.totals).toEqual({
      itemsCompleted: 4,
      learnings: 2,
      resources: 1,
      projectsUpdated: 2,
      feedbackOpened: 3,
      feedbackResolved: 1,
      activeMembers: 3,
    });
    expect(activity.previousTotals).toMatchObject({ itemsCompleted: 1, learnings: 1, activeMembers: 3 });
    expect(activity.members).toEqual([
      { userId: 'bob', events: 6, itemsDone: 1, learnings: 0 },
      { userId: 'ada', events: 5, itemsDone: 3, learnings: 2 },
      { userId: 'eve', events: 4, itemsDone: 0, learnings: 0 },
    ]);
    expect(activity.phaseProgress).toEqual([
      {
        userId: 'ada',
        phaseTitle: 'Phase 1',
        roadmapName: 'Python Developer',
        doneThisWeek: 2,
        completed: true,
        percent: 100,
      },
      {
        userId: 'ada',
        phaseTitle: 'Phase 2',
        roadmapName: 'Python Developer',
        doneThisWeek: 1,
        completed: false,
        percent: 33,
      },
      {
        userId: 'bob',
        phaseTitle: 'Phase 2',
        roadmapName: 'Python Developer',
        doneThisWeek: 1,
        completed: false,
        percent: 66,
      },
    ]);
    expect(Object.fromEntries(activity.streaks)).toEqual({ ada: 4, bob: 0 });
    expect(activity.learnings).toEqual([
      { userId: 'ada', text: 'Generators are lazy', link: 'https://discord.com/channels/1/2/3' },
      { userId: 'ada', text: 'Slots save memory', link: `https://discord.com/channels/${GUILD_ID}/700/701` },
    ]);
    expect(activity.openFeedback).toEqual([
      {
        userId: 'bob',
        topic: 'Review my CLI',
        link: `https://discord.com/channels/${GUILD_ID}/703`,
        openedAt: new Date(during(1)),
      },
    ]);
    expect(activity.openFeedbackTotal).toBe(1);
    expect(activity.quietMembers).toBe(3);
    expect(activity.days.map((day) => [day.itemsDone, day.learnings, day.other])).toEqual([
      [1, 0, 1],
      [1, 0, 1],
      [2, 0, 2],
      [0, 1, 1],
      [0, 1, 0],
      [0, 0, 2],
      [0, 0, 2],
    ]);
  });

  it('GIVEN a guild with no events THEN everything is zero and nobody is listed', async () => {
    const activity = await findDigestActivity(handle.db, options);
    expect(activity.totals.activeMembers).toBe(0);
    expect(activity.members).toEqual([]);
    expect(activity.quietMembers).toBe(0);
    expect(activity.days).toHaveLength(7);
  });

  it('GIVEN more active members than the limit THEN only the most active are returned, the total still counts all', async () => {
    await insertEvents(
      handle.db,
      Array.from({ length: 30 }, (_, index) =>
        Array.from({ length: index + 1 }, () => ({
          user_id: `member-${String(index).padStart(2, '0')}`,
          kind: 'goal_set' as const,
          occurred_at: during(1),
        })),
      ).flat(),
    );
    const activity = await findDigestActivity(handle.db, { ...options, memberLimit: 5 });
    expect(activity.totals.activeMembers).toBe(30);
    expect(activity.members.map((member) => member.userId)).toEqual([
      'member-29',
      'member-28',
      'member-27',
      'member-26',
      'member-25',
    ]);
  });
});
