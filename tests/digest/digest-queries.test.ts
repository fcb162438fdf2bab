import { describe, expect, it } from 'vitest';
import { weekEndingAt } from '../../src/digest/digest-slots.js';
import { findDigestActivity } from '../../src/digest/weekly-activity-queries.js';
import { useTestDatabase } from '../support/database.js';
import { seedRoadmap } from '../support/roadmap.js';
import { completeItem, GUILD_ID, insertEvents, memberActivity, numberedRoadmap } from './digest-fixtures.js';

// The week (whole local days) before Monday 30 November 2026 in Europe/Berlin.
const period = { start: new Date('2026-11-22T23:00:00.000Z'), end: new Date('2026-11-29T23:00:00.000Z') };
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
  const handle = useTestDatabase();

  async function seedWeek(): Promise<void> {
    const { db } = handle;
    const roadmap = await seedRoadmap(db, numberedRoadmap(GUILD_ID, [2, 3]));
    const item = (label: string) => roadmap.items.get(label) ?? 0;
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
    await completeItem(db, 'ada', roadmap.roadmapId, item('Item 1'), during(0));
    await completeItem(db, 'ada', roadmap.roadmapId, item('Item 2'), during(1));
    await completeItem(db, 'ada', roadmap.roadmapId, item('Item 3'), during(2));
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
    await completeItem(db, 'bob', roadmap.roadmapId, item('Item 4'), during(2, 5));
    await completeItem(db, 'bob', roadmap.roadmapId, item('Item 5'), weeksBefore(1));
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
      memberActivity('bob', {
        events: 6,
        itemsDone: 1,
        resources: 1,
        projectsUpdated: 2,
        feedbackRequested: 1,
      }),
      memberActivity('ada', { events: 5, itemsDone: 3, learnings: 2 }),
      memberActivity('eve', { events: 4, feedbackRequested: 2, goalsSet: 1 }),
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
    expect(activity.privateMembers.size).toBe(0);
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

  it('GIVEN only statuses read from an imported file and a missed goal in the week THEN nobody counts as active and the chart is empty', async () => {
    await insertEvents(handle.db, [
      { user_id: 'ivy', kind: 'item_status_imported', occurred_at: during(1) },
      { user_id: 'ivy', kind: 'item_status_imported', occurred_at: during(1, 2) },
      { user_id: 'gus', kind: 'goal_missed', occurred_at: during(2) },
      { user_id: 'gus', kind: 'goal_set', occurred_at: weeksBefore(1) },
    ]);
    const activity = await findDigestActivity(handle.db, options);
    expect(activity.totals.activeMembers).toBe(0);
    expect(activity.members).toEqual([]);
    expect(activity.days.every((day) => day.itemsDone + day.learnings + day.other === 0)).toBe(true);
    expect(activity.quietMembers).toBe(1);
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

  it('GIVEN a member with public-profile off THEN they count in the totals but are not listed, and are flagged where their work shows', async () => {
    const { db } = handle;
    await insertEvents(db, [
      ...Array.from({ length: 5 }, () => ({
        user_id: 'gus',
        kind: 'resource_added' as const,
        occurred_at: during(1),
      })),
      { user_id: 'gus', kind: 'learning_shared', occurred_at: during(2), note: 'Private but shared' },
      { user_id: 'ada', kind: 'learning_shared', occurred_at: during(3), note: 'Public' },
    ]);
    await db
      .insertInto('member_settings')
      .values([
        { guild_id: GUILD_ID, user_id: 'gus', public_profile: 0, updated_at: during(0) },
        { guild_id: GUILD_ID, user_id: 'ada', public_profile: 1, updated_at: during(0) },
        { guild_id: 'another-guild', user_id: 'ada', public_profile: 0, updated_at: during(0) },
      ])
      .execute();
    const activity = await findDigestActivity(db, options);
    expect(activity.totals).toMatchObject({ activeMembers: 2, learnings: 2, resources: 5 });
    expect(activity.members.map((listed) => listed.userId)).toEqual(['ada']);
    expect(activity.learnings.map((learning) => learning.userId)).toEqual(['gus', 'ada']);
    expect([...activity.privateMembers]).toEqual(['gus']);
  });

  it('GIVEN a preview on Thursday 13:00 in Berlin THEN events count on their local calendar day, today included', async () => {
    const now = new Date('2026-12-03T12:00:00Z');
    await insertEvents(
      handle.db,
      [
        '2026-11-26T22:59:00Z', // Thursday 23:59, the day before the report
        '2026-11-26T23:00:00Z', // Friday 00:00
        '2026-11-29T22:30:00Z', // Sunday 23:30
        '2026-11-29T23:30:00Z', // Monday 00:30 (still Sunday in UTC)
        '2026-12-03T11:59:00Z', // today, 12:59
        '2026-12-03T12:00:00Z', // now: not yet
      ].map((occurred_at) => ({ user_id: 'ada', kind: 'resource_added' as const, occurred_at })),
    );
    const activity = await findDigestActivity(handle.db, {
      ...options,
      period: weekEndingAt(now, 'Europe/Berlin'),
    });
    expect(activity.days.map((day) => [day.start.toISOString(), day.other])).toEqual([
      ['2026-11-26T23:00:00.000Z', 1],
      ['2026-11-27T23:00:00.000Z', 0],
      ['2026-11-28T23:00:00.000Z', 1],
      ['2026-11-29T23:00:00.000Z', 1],
      ['2026-11-30T23:00:00.000Z', 0],
      ['2026-12-01T23:00:00.000Z', 0],
      ['2026-12-02T23:00:00.000Z', 1],
    ]);
  });

  it('GIVEN a preview in the week New York falls back THEN the 25-hour Sunday keeps all its events and Monday starts at local midnight', async () => {
    const now = new Date('2026-11-04T15:00:00Z');
    await insertEvents(
      handle.db,
      [
        '2026-11-01T05:30:00Z', // Sunday 01:30 EDT
        '2026-11-01T06:30:00Z', // Sunday 01:30 EST, the repeated hour
        '2026-11-02T04:30:00Z', // Sunday 23:30 EST, 24.5 hours after Sunday began
        '2026-11-02T05:00:00Z', // Monday 00:00 EST
      ].map((occurred_at) => ({ user_id: 'ada', kind: 'resource_added' as const, occurred_at })),
    );
    const activity = await findDigestActivity(handle.db, {
      ...options,
      timezone: 'America/New_York',
      period: weekEndingAt(now, 'America/New_York'),
    });
    expect(activity.days.map((day) => [day.start.toISOString(), day.other])).toEqual([
      ['2026-10-29T04:00:00.000Z', 0],
      ['2026-10-30T04:00:00.000Z', 0],
      ['2026-10-31T04:00:00.000Z', 0],
      ['2026-11-01T04:00:00.000Z', 3],
      ['2026-11-02T05:00:00.000Z', 1],
      ['2026-11-03T05:00:00.000Z', 0],
      ['2026-11-04T05:00:00.000Z', 0],
    ]);
  });
});
