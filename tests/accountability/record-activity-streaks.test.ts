import { describe, expect, it } from 'vitest';
import { recordActivity } from '../../src/core/record-activity.js';
import { findCurrentStreak } from '../../src/core/streaks-queries.js';
import type { ActivityKind } from '../../src/db/schema.js';
import { useTestDatabase } from '../support/database.js';

const GUILD = '100000000000000001';
const MEMBER = '200000000000000001';

describe('recordActivity and weekly streaks', () => {
  const handle = useTestDatabase();

  const record = (kind: ActivityKind, occurredAt: string, defaultTimezone = 'UTC') =>
    recordActivity(
      handle.db,
      { guild_id: GUILD, user_id: MEMBER, kind, occurred_at: occurredAt },
      defaultTimezone,
    );

  const storedStreak = () =>
    handle.db.selectFrom('member_streaks').selectAll().where('user_id', '=', MEMBER).executeTakeFirst();

  it('GIVEN activity in three consecutive weeks THEN the stored streak is three weeks', async () => {
    await record('item_status', '2026-11-10T10:00:00Z');
    await record('learning_shared', '2026-11-17T10:00:00Z');
    await record('feedback_given', '2026-11-24T10:00:00Z');
    expect(await storedStreak()).toMatchObject({
      current_weeks: 3,
      longest_weeks: 3,
      last_active_week: '2026-11-23',
    });
    expect(
      await findCurrentStreak(
        handle.db,
        { guildId: GUILD, userId: MEMBER },
        new Date('2026-11-30T10:00:00Z'),
        'UTC',
      ),
    ).toEqual({
      current: 3,
      longest: 3,
    });
  });

  it('GIVEN only intentions (goals, feedback requests) THEN no streak is started', async () => {
    await record('goal_set', '2026-11-24T10:00:00Z');
    await record('feedback_requested', '2026-11-24T10:00:00Z');
    expect(await storedStreak()).toBeUndefined();
  });

  it('GIVEN a guild in Berlin and activity at 23:59 local on Sunday THEN it extends the week that is ending', async () => {
    await handle.db
      .insertInto('guild_settings')
      .values({ guild_id: GUILD, timezone: 'Europe/Berlin', updated_at: '2026-11-01T00:00:00Z' })
      .execute();
    await record('item_status', '2026-11-18T10:00:00Z');
    await record('item_status', '2026-11-29T22:59:00Z'); // Sunday 23:59 CET
    expect(await storedStreak()).toMatchObject({ current_weeks: 2, last_active_week: '2026-11-23' });
  });

  it('GIVEN a guild without a zone THEN the configured default places the week', async () => {
    await record('item_status', '2026-11-18T10:00:00Z', 'America/Los_Angeles');
    await record('item_status', '2026-11-30T07:59:00Z', 'America/Los_Angeles'); // Sunday 23:59 PST
    expect(await storedStreak()).toMatchObject({ current_weeks: 2, last_active_week: '2026-11-23' });
  });

  it('GIVEN a caller inside its own transaction THEN the event and the streak roll back together', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordActivity(
          trx,
          { guild_id: GUILD, user_id: MEMBER, kind: 'item_status', occurred_at: '2026-11-24T10:00:00Z' },
          'UTC',
        );
        throw new Error('the feature change failed');
      }),
    ).rejects.toThrow('the feature change failed');
    expect(await storedStreak()).toBeUndefined();
    expect(await handle.db.selectFrom('activity_events').selectAll().execute()).toEqual([]);
  });

  describe('findCurrentStreak (the zone and the streak in one statement)', () => {
    const member = { guildId: GUILD, userId: MEMBER };

    it('GIVEN no settings and no activity THEN no streak', async () => {
      expect(await findCurrentStreak(handle.db, member, new Date('2026-11-30T10:00:00Z'), 'UTC')).toEqual({
        current: 0,
        longest: 0,
      });
    });

    it('GIVEN a streak and a guild zone THEN the current week is placed in that zone', async () => {
      await handle.db
        .insertInto('guild_settings')
        .values({ guild_id: GUILD, timezone: 'Asia/Tokyo', updated_at: '2026-11-01T00:00:00Z' })
        .execute();
      await record('item_status', '2026-11-10T10:00:00Z');
      await record('item_status', '2026-11-17T10:00:00Z');
      // Sunday 23:00 in Tokyo: last week was active, so the streak is alive.
      expect(await findCurrentStreak(handle.db, member, new Date('2026-11-29T14:00:00Z'), 'UTC')).toEqual({
        current: 2,
        longest: 2,
      });
      // Still Sunday in UTC, but Monday 01:00 in Tokyo: a whole week passed without activity.
      expect(await findCurrentStreak(handle.db, member, new Date('2026-11-29T16:00:00Z'), 'UTC')).toEqual({
        current: 0,
        longest: 2,
      });
    });

    it('GIVEN no guild zone THEN the configured default places the week', async () => {
      await record('item_status', '2026-11-16T10:00:00Z', 'America/Los_Angeles');
      // Monday 07:59 UTC is still Sunday in Los Angeles: the streak's week counts as last week.
      const sundayInLosAngeles = new Date('2026-11-30T07:59:00Z');
      expect(await findCurrentStreak(handle.db, member, sundayInLosAngeles, 'America/Los_Angeles')).toEqual({
        current: 1,
        longest: 1,
      });
      expect(
        await findCurrentStreak(handle.db, member, new Date('2026-12-07T07:59:00Z'), 'America/Los_Angeles'),
      ).toEqual({
        current: 0,
        longest: 1,
      });
    });
  });
});
