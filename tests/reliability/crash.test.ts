import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/db/backup.js';
import { type Db, openSqliteDatabase } from '../../src/db/connection.js';
import { CLAIM_STALE_MS } from '../../src/digest/digest-runs.js';
import { digestFooter } from '../../src/discord/views/digest-view.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, startTestBot, TEST_TOKEN } from '../support/bot.js';
import { customIdsOf, installPythonTemplate } from '../support/interact.js';
import { exitOf } from '../support/process.js';
import {
  type CrashReport,
  type CrashScenario,
  outboxDelivered,
  runCrashScenario,
  seedDueDigestSchedule,
  startBot,
} from './crash-harness.js';

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
 * Every stored learning has exactly one public post (recognised by its Discuss button), the one
 * it records, and no post is left over without its learning.
 */
async function learningsWithoutOnePost(db: Db, double: DiscordDouble): Promise<string[]> {
  const learnings = await db.selectFrom('learnings').selectAll().execute();
  const channels = new Set(learnings.map((learning) => learning.channel_id ?? ''));
  const posts = [...channels].flatMap((channelId) =>
    double.messagesIn(channelId).flatMap((message) => {
      const learningId = /^learned:discuss:(\d+)$/.exec(customIdsOf(message.components ?? [])[0] ?? '')?.[1];
      return learningId ? [{ learningId: Number(learningId), messageId: message.id }] : [];
    }),
  );
  const problems = learnings.flatMap((learning) => {
    const its = posts.filter((post) => post.learningId === learning.id);
    if (its.length !== 1) return [`learning ${learning.id} has ${its.length} posts`];
    return its[0]!.messageId === learning.message_id
      ? []
      : [`learning ${learning.id} records ${learning.message_id}, posted as ${its[0]!.messageId}`];
  });
  const known = new Set(learnings.map((learning) => learning.id));
  return [
    ...problems,
    ...posts
      .filter((post) => !known.has(post.learningId))
      .map((post) => `post ${post.messageId} without its learning`),
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
    async invariants(db, double) {
      return [
        ...(await progressWithoutEvents(db)),
        ...(await learningsWithoutEvents(db)),
        ...(await learningsWithoutOnePost(db, double)),
      ];
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

const KILLS = 10;
const LEARNED_BURST = 10;

describe('crash consistency: /learned killed mid-burst, ten times in a row', () => {
  it('GIVEN a burst of /learned SIGKILLed mid-way, ten times over THEN every stored learning has exactly one public post after the restart, and nothing is posted twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-learned-crash-'));
    const databasePath = join(dir, 'data', 'waymark.sqlite');
    const double = await DiscordDouble.start({ token: TEST_TOKEN });
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: double.restUrl, DATABASE_URL: databasePath };
    let bot = await startBot(double, env);
    try {
      let inFlightAtKills = 0;
      for (let round = 0; round < KILLS; round += 1) {
        const handles = await Promise.all(
          Array.from({ length: LEARNED_BURST }, (_, index) => {
            const user = addTestMember(double, { username: `crash-${round}-${index}` });
            const text = `Round ${round} lesson ${index}`;
            return double.interact(double.slash({ name: 'learned', user: user.id, options: { text } }));
          }),
        );
        await double.waitFor(
          () => (handles.some((handle) => handle.timeToAck !== undefined) ? true : undefined),
          {
            timeoutMs: 15_000,
          },
        );
        const exited = exitOf(bot);
        bot.kill('SIGKILL');
        inFlightAtKills += handles.filter((handle) => handle.timeToAck === undefined).length;
        await exited;
        bot = await startBot(double, env);
      }
      await outboxDelivered(databasePath);
      const exited = exitOf(bot);
      bot.kill('SIGTERM');
      expect((await exited).code).toBe(0);

      const database = openSqliteDatabase(databasePath);
      try {
        const stored = await database.db.selectFrom('learnings').select('id').execute();
        const recovered = await database.db
          .selectFrom('outbox')
          .select('id')
          .where('attempts', '>', 1)
          .execute();
        console.info(
          `crash /learned × ${KILLS} kills of ${LEARNED_BURST}: in flight at the kills ${inFlightAtKills}, ` +
            `stored ${stored.length}, delivered after a restart ${recovered.length}`,
        );
        expect(inFlightAtKills).toBeGreaterThan(0);
        expect(stored.length).toBeGreaterThan(0);
        expect(await learningsWithoutOnePost(database.db, double)).toEqual([]);
        expect(await learningsWithoutEvents(database.db)).toEqual([]);
        double.assertNoUnhandledRequests();
      } finally {
        await database.close();
      }
    } finally {
      if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
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
    await seedDueDigestSchedule(double, databasePath, now);

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
