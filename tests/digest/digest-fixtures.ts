import type { FinalResponse } from '@waymark/discord-double';
import { expect } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import type { ActivityKind, NewActivityEvent } from '../../src/db/schema.js';
import type { MemberActivity } from '../../src/digest/weekly-activity-queries.js';
import { DIGEST_CHART_FILE } from '../../src/discord/views/digest-view.js';
import { addTestMember, type TestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import type { SeedRoadmapOptions } from '../support/roadmap.js';

export const GUILD_ID = '100000000000000001';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The digest's chart is attached: a real PNG, not a placeholder. */
export function expectChart(files: readonly { filename: string; data: Buffer }[]): void {
  const chart = files.find((file) => file.filename === DIGEST_CHART_FILE);
  expect(chart?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(chart?.data.length).toBeGreaterThan(10_000);
}

/**
 * The digest tests' roadmap, for `seedRoadmap` (tests/support/roadmap.ts): phases of the given
 * sizes titled `Phase 1`, `Phase 2`…, their items numbered on through the roadmap (`Item 1`…).
 */
export function numberedRoadmap(guildId: string, phaseSizes: readonly number[]): SeedRoadmapOptions {
  let position = 0;
  const phases = Object.fromEntries(
    phaseSizes.map((size, index) => [
      `Phase ${index + 1}`,
      Array.from({ length: size }, () => {
        position += 1;
        return `Item ${position}`;
      }),
    ]),
  );
  return {
    guildId,
    createdBy: '1',
    now: new Date('2026-01-01T00:00:00.000Z'),
    name: 'python-developer',
    title: 'Python Developer',
    phases,
  };
}

export type EventInput = Partial<NewActivityEvent> & {
  user_id: string;
  kind: ActivityKind;
  occurred_at: string;
};

export async function insertEvents(db: Db, events: readonly EventInput[], guildId = GUILD_ID): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('activity_events')
    .values(events.map((event) => ({ guild_id: guildId, ...event })))
    .execute();
}

/** A member marks an item done: the progress row and the event, as /check writes them. */
export async function completeItem(
  db: Db,
  userId: string,
  roadmapId: number,
  itemId: number,
  at: string,
  guildId = GUILD_ID,
): Promise<void> {
  await db
    .insertInto('member_progress')
    .values({ guild_id: guildId, user_id: userId, item_id: itemId, status: 'done', updated_at: at })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'item_id']).doUpdateSet({ status: 'done', updated_at: at }),
    )
    .execute();
  await insertEvents(
    db,
    [
      {
        user_id: userId,
        kind: 'item_status',
        occurred_at: at,
        roadmap_id: roadmapId,
        item_id: itemId,
        from_status: 'todo',
        to_status: 'done',
      },
    ],
    guildId,
  );
}

/** One member's week with only the given counts non-zero. */
export function memberActivity(userId: string, counts: Partial<MemberActivity> = {}): MemberActivity {
  return {
    userId,
    events: 0,
    itemsDone: 0,
    itemsStarted: 0,
    learnings: 0,
    resources: 0,
    projectsUpdated: 0,
    feedbackGiven: 0,
    feedbackRequested: 0,
    goalsDone: 0,
    goalsSet: 0,
    ...counts,
  };
}

/** Runs `/digest <subcommand>` as `user` and resolves with the bot's final answer. */
export function runDigest(
  bot: TestBot,
  user: string,
  subcommand: string,
  options: Record<string, string | number | { channel: string }> = {},
): Promise<FinalResponse> {
  return slashReply(bot.double, { name: 'digest', subcommand, user, options });
}

/**
 * A fresh admin and digest channel, with no schedule or run left by an earlier test: tests
 * that share one bot stay independent (and the per-member rate limit, on a clock that stands
 * still, never interferes).
 */
export async function freshDigestAdmin(bot: TestBot): Promise<{ admin: string; channelId: string }> {
  const admin = addTestMember(
    bot.double,
    { username: 'admin' },
    { roles: [bot.double.guild.adminRoleId] },
  ).id;
  const channelId = bot.double.addChannel({ name: 'progress-digest' }).id;
  await bot.ctx.db.deleteFrom('digest_runs').execute();
  await bot.ctx.db.deleteFrom('digest_schedules').execute();
  return { admin, channelId };
}
