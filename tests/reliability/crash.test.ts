import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/db/backup.js';
import { type Db, openSqliteDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { CLAIM_STALE_MS } from '../../src/digest/digest-runs.js';
import { digestFooter } from '../../src/discord/views/digest-view.js';
import { fixedClock } from '../../src/shared/clock.js';
import { startTestBot, TEST_TOKEN } from '../support/bot.js';
import { installPythonTemplate } from '../support/interact.js';
import { exitOf } from '../support/process.js';
import { type CrashReport, type CrashScenario, runCrashScenario, startBot } from './crash-harness.js';

const BURST = 40;

/**
 * /about is read-only: this proves the harness (kill mid-burst, restart, integrity, every
 * answered interaction answered once).
 */
const aboutScenario: CrashScenario = {
  name: '/about',
  interaction: (double, user) => double.slash({ name: 'about', user: user.id }),
  effectPresent: async (_db, sent) => sent.reply?.embeds[0]?.title === 'Waymark',
};

/** Every member_progress row has an item_status event that set its status, and every such event's member has a row. */
async function progressWithoutEvents(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('member_progress').selectAll().execute();
  const events = await db
    .selectFrom('activity_events')
    .selectAll()
    .where('kind', '=', 'item_status')
    .execute();
  const latest = new Map<string, string | null>();
  for (const event of [...events].sort((a, b) => a.id - b.id))
    latest.set(`${event.user_id}/${event.item_id}`, event.to_status);
  const problems: string[] = [];
  const rowKeys = new Set<string>();
  for (const row of rows) {
    const key = `${row.user_id}/${row.item_id}`;
    rowKeys.add(key);
    if (latest.get(key) !== row.status)
      problems.push(`progress ${key} is ${row.status}, its last event says ${latest.get(key)}`);
  }
  for (const key of latest.keys())
    if (!rowKeys.has(key)) problems.push(`item_status event for ${key} without its progress row`);
  return problems;
}

/** Every learning has its learning_shared event, and every such event its learning. */
async function learningsWithoutEvents(db: Db): Promise<string[]> {
  const learnings = await db.selectFrom('learnings').select('id').execute();
  const events = await db
    .selectFrom('activity_events')
    .select('subject_id')
    .where('kind', '=', 'learning_shared')
    .execute();
  const learningIds = new Set(learnings.map((learning) => learning.id));
  const eventIds = events.map((event) => event.subject_id);
  return [
    ...learnings
      .filter((learning) => !eventIds.includes(learning.id))
      .map((learning) => `learning ${learning.id} without its learning_shared event`),
    ...eventIds
      .filter((id) => id === null || !learningIds.has(id))
      .map((id) => `learning_shared event for missing learning ${id}`),
  ];
}

/**
 * Even members run /check on one of the template's items, odd ones share a learning with
 * /learned: both write a change and its activity event in one transaction.
 */
function checkAndLearnedScenario(): CrashScenario {
  let items: string[] = [];
  const itemOf = (index: number) => items[index % items.length]!;
  const isCheck = (index: number) => index % 2 === 0;
  return {
    name: '/check and /learned',
    async prepare(double) {
      items = await installPythonTemplate(double);
    },
    interaction: (double, user, index) =>
      isCheck(index)
        ? double.slash({
            name: 'check',
            user: user.id,
            options: { item: itemOf(index), note: `step ${index}` },
          })
        : double.slash({
            name: 'learned',
            user: user.id,
            options: { text: `Crash lesson ${index}`, tags: 'crash' },
          }),
    async effectPresent(db, sent) {
      if (isCheck(sent.index)) {
        const row = await db
          .selectFrom('member_progress')
          .select('status')
          .where('user_id', '=', sent.user.id)
          .where('item_id', '=', Number(itemOf(sent.index)))
          .executeTakeFirst();
        return row?.status === 'done';
      }
      const learning = await db
        .selectFrom('learnings')
        .select('text')
        .where('user_id', '=', sent.user.id)
        .executeTakeFirst();
      return learning?.text === `Crash lesson ${sent.index}`;
    },
    async invariants(db) {
      const unposted = await db
        .selectFrom('learnings')
        .select('id')
        .where('message_id', 'is', null)
        .execute();
      // Stored first, posted second: a kill in between leaves a learning that /learnings lists but no post.
      console.info(`crash /learned: ${unposted.length} learnings stored whose post was not recorded`);
      return [...(await progressWithoutEvents(db)), ...(await learningsWithoutEvents(db))];
    },
  };
}

function expectNothingLost(name: string, report: CrashReport): void {
  console.info(
    `crash ${name} × ${report.burst}: in flight at kill ${report.inFlightAtKill}, answered ${report.answered}, ` +
      `deferred only ${report.deferredOnly}, unacknowledged ${report.unacknowledged}, lost ${report.lost.length}, ` +
      `half-applied ${report.halfApplied.length}`,
  );
  expect(report.integrity).toBe('ok');
  expect(report.inFlightAtKill).toBeGreaterThan(0);
  expect(report.lost).toEqual([]);
  expect(report.acknowledgedTwice).toEqual([]);
  expect(report.halfApplied).toEqual([]);
  expect(report.restartedCleanly).toBe(true);
  expect(report.answered + report.deferredOnly + report.unacknowledged).toBe(report.burst);
}

describe('crash consistency: SIGKILL in the middle of a burst, then restart', () => {
  it('GIVEN a burst of 40 /about killed mid-way THEN the database is intact, nothing answered twice, and the restarted bot answers', async () => {
    expectNothingLost(
      aboutScenario.name,
      await runCrashScenario(aboutScenario, { burst: BURST, killAfterAcknowledged: 1 }),
    );
  }, 40_000);

  it('GIVEN a burst of 40 /check and /learned killed mid-way THEN every acknowledged change is stored with its event, and none is half-applied', async () => {
    const report = await runCrashScenario(checkAndLearnedScenario(), {
      burst: BURST,
      killAfterAcknowledged: 2,
    });
    expectNothingLost('/check and /learned', report);
    expect(report.answered).toBeGreaterThan(0);
  }, 60_000);
});

/**
 * The digest job runs at start, so a schedule whose slot passed in the last hour (saved a week
 * ago) is posted as soon as the bot process is up. The test slows Discord's answer to that post
 * and kills the process while it waits; the restart (with the clock past the claim's staleness,
 * as recovery needs) must leave exactly one digest for the week.
 */
async function crashDuringDigestPost(discordCarriesItOut: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-digest-crash-'));
  const databasePath = join(dir, 'data', 'waymark.sqlite');
  const double = await DiscordDouble.start({ token: TEST_TOKEN });
  const channelId = double.channels.progress.id;
  const postPath = `/channels/${channelId}/messages`;
  const now = new Date();
  try {
    const seeded = openSqliteDatabase(databasePath);
    await migrateToLatest(seeded.db);
    await seeded.db
      .insertInto('digest_schedules')
      .values({
        guild_id: double.guild.id,
        channel_id: channelId,
        day: ((now.getUTCDay() + 6) % 7) + 1,
        hour: now.getUTCHours(),
        timezone: 'UTC',
        updated_by: double.users.admin.id,
        updated_at: new Date(now.getTime() - 7 * 24 * 60 * 60_000).toISOString(),
      })
      .execute();
    await seeded.close();

    double.failNext({
      method: 'POST',
      path: postPath,
      delayMs: 1_500,
      ...(discordCarriesItOut ? {} : { status: 503 }),
    });
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: double.restUrl, DATABASE_URL: databasePath };
    const first = await startBot(double, env);
    const pending = await double.waitFor(
      () => double.requests.find((request) => request.method === 'POST' && request.path === postPath),
      { timeoutMs: 15_000, description: 'the digest was never posted' },
    );
    const exited = exitOf(first);
    first.kill('SIGKILL');
    await exited;
    const pendingAtKill = pending.status === undefined;
    await double.waitFor(() => pending.status, { timeoutMs: 5_000 });

    const restarted = await startTestBot({
      double,
      databasePath,
      clock: fixedClock(new Date(now.getTime() + CLAIM_STALE_MS + 60_000)),
    });
    const runs = await restarted.ctx.db.selectFrom('digest_runs').selectAll().execute();
    await restarted.stop();
    const footer = digestFooter(runs[0]?.slot_key ?? '?');
    const digests = double
      .messagesIn(channelId)
      .filter((message) => message.embeds[0]?.footer?.text === footer);
    const posts = double.requests.filter((request) => request.method === 'POST' && request.path === postPath);
    double.assertNoUnhandledRequests();
    return { runs, digests, posts, pendingAtKill, integrity: checkIntegrity(databasePath) };
  } finally {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('crash consistency: SIGKILL during the digest post, then restart', () => {
  it('GIVEN the bot killed while Discord was still carrying out the post THEN recovery finds it and the week has exactly one digest', async () => {
    const outcome = await crashDuringDigestPost(true);
    expect(outcome.pendingAtKill).toBe(true);
    expect(outcome.integrity).toBe('ok');
    expect(outcome.digests).toHaveLength(1);
    expect(outcome.posts).toHaveLength(1);
    expect(outcome.runs).toMatchObject([{ status: 'posted', message_id: outcome.digests[0]?.id }]);
  }, 40_000);

  it('GIVEN the bot killed while a post Discord never carried out was pending THEN the restart posts the week once', async () => {
    const outcome = await crashDuringDigestPost(false);
    expect(outcome.pendingAtKill).toBe(true);
    expect(outcome.integrity).toBe('ok');
    expect(outcome.digests).toHaveLength(1);
    expect(outcome.posts).toHaveLength(2);
    expect(outcome.runs).toMatchObject([{ status: 'posted', message_id: outcome.digests[0]?.id }]);
  }, 40_000);
});
