import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble } from '@waymark/discord-double';
import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDigestRun, findRecentDigestRuns, newClaimToken } from '../../src/digest/digest-runs.js';
import { pauseDigestSchedule, saveDigestSchedule } from '../../src/digest/digest-schedules.js';
import { slotAtOrBefore } from '../../src/digest/digest-slots.js';
import { runDueDigests } from '../../src/discord/jobs/digest-job.js';
import { prepareDigest } from '../../src/discord/posts/publish-digest.js';
import { digestFooter } from '../../src/discord/views/digest-view.js';
import { fixedClock } from '../../src/shared/clock.js';
import { startTestBot, TEST_TOKEN, type TestBot } from '../support/bot.js';
import { expectChart, insertEvents } from './digest-fixtures.js';

const MINUTE = 60_000;
const berlinMonday9 = { day: 1, hour: 9, timezone: 'Europe/Berlin' };

describe('the digest scheduler', () => {
  const running: TestBot[] = [];
  let double: DiscordDouble | undefined;
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.app.stop();
    double?.assertNoUnhandledRequests();
    await double?.close();
    double = undefined;
  });

  function temporaryDatabase(): string {
    return join(mkdtempSync(join(tmpdir(), 'waymark-digest-')), 'waymark.sqlite');
  }

  async function start(clock: ReturnType<typeof fixedClock>, databasePath?: string): Promise<TestBot> {
    double ??= await DiscordDouble.start({ token: TEST_TOKEN });
    const bot = await startTestBot({ double, clock, ...(databasePath ? { databasePath } : {}) });
    running.push(bot);
    return bot;
  }

  async function stop(bot: TestBot): Promise<void> {
    running.splice(running.indexOf(bot), 1);
    await bot.app.stop();
  }

  async function schedule(bot: TestBot, timing: { day: number; hour: number; timezone: string }, at: string) {
    await saveDigestSchedule(bot.ctx.db, {
      guild_id: bot.double.guild.id,
      channel_id: bot.double.channels.progress.id,
      ...timing,
      updated_by: bot.double.users.admin.id,
      updated_at: at,
    });
  }

  async function runAt(bot: TestBot, clock: ReturnType<typeof fixedClock>, at: string) {
    clock.set(at);
    return runDueDigests(bot.ctx);
  }

  /** A bot that claimed Monday 30 November's digest at 09:00:02 Berlin time, then died. */
  async function crashAfterClaiming(clock: ReturnType<typeof fixedClock>, databasePath: string) {
    clock.set('2026-11-30T08:00:02Z');
    const crashed = await start(clock, databasePath);
    await schedule(crashed, berlinMonday9, '2026-11-23T12:00:00.000Z');
    const slot = slotAtOrBefore(berlinMonday9, clock.now());
    await claimDigestRun(crashed.ctx.db, {
      guildId: crashed.double.guild.id,
      slot,
      period: slot.period,
      trigger: 'schedule',
      channelId: crashed.double.channels.progress.id,
      token: newClaimToken(),
      now: clock.now(),
    });
    return { crashed, slot };
  }

  function digests(bot: TestBot) {
    return bot.double.messagesIn(bot.double.channels.progress.id).filter((message) => message.author.bot);
  }

  function footers(bot: TestBot): string[] {
    return digests(bot).map((message) => message.embeds[0]?.footer?.text ?? '');
  }

  it('GIVEN 09:00 Europe/Berlin THEN it posts at 09:00 local on both sides of the autumn change, not an hour early', async () => {
    const clock = fixedClock('2026-10-12T12:00:00Z');
    const bot = await start(clock);
    await schedule(bot, berlinMonday9, '2026-10-12T12:00:00.000Z');

    await runAt(bot, clock, '2026-10-19T06:59:00Z'); // 08:59 CEST
    expect(digests(bot)).toHaveLength(0);
    await runAt(bot, clock, '2026-10-19T07:00:20Z'); // 09:00 CEST
    expect(footers(bot)).toEqual([digestFooter('2026-W43')]);

    await runAt(bot, clock, '2026-10-26T07:00:20Z'); // 08:00 CET: the old UTC time, an hour early now
    expect(digests(bot)).toHaveLength(1);
    await runAt(bot, clock, '2026-10-26T08:00:20Z'); // 09:00 CET
    expect(footers(bot)).toEqual([digestFooter('2026-W43'), digestFooter('2026-W44')]);
  });

  it('GIVEN 09:00 America/New_York on Sundays THEN it posts at 09:00 local on both sides of the spring change', async () => {
    const clock = fixedClock('2026-02-25T12:00:00Z');
    const bot = await start(clock);
    await schedule(bot, { day: 7, hour: 9, timezone: 'America/New_York' }, '2026-02-25T12:00:00.000Z');

    await runAt(bot, clock, '2026-03-01T14:00:30Z'); // 09:00 EST
    await runAt(bot, clock, '2026-03-08T12:59:00Z'); // 08:59 EDT
    expect(digests(bot)).toHaveLength(1);
    await runAt(bot, clock, '2026-03-08T13:00:30Z'); // 09:00 EDT
    expect(footers(bot)).toEqual([digestFooter('2026-W09'), digestFooter('2026-W10')]);
  });

  it('GIVEN a scheduled post THEN it is one embed with the week, names as text, the PNG chart, nobody pinged, and a thread', async () => {
    const clock = fixedClock('2026-11-23T12:00:00Z');
    const bot = await start(clock);
    await schedule(bot, berlinMonday9, '2026-11-23T12:00:00.000Z');
    const member = bot.double.users.member;
    await insertEvents(
      bot.ctx.db,
      [
        {
          user_id: member.id,
          kind: 'learning_shared',
          occurred_at: '2026-11-25T10:00:00.000Z',
          note: 'Ping @here',
        },
        { user_id: member.id, kind: 'goal_set', occurred_at: '2026-11-26T10:00:00.000Z' },
      ],
      bot.double.guild.id,
    );
    await runAt(bot, clock, '2026-11-30T08:00:10Z');
    const [message] = digests(bot);
    expect(message?.content).toBe('');
    expect(message?.embeds).toHaveLength(1);
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Weekly digest');
    expect(embed?.description).toContain('📚 **1** learning shared (+1)');
    expect(embed?.description).toContain(`**${member.username}** — 1 learning`);
    expect(embed?.description).not.toContain(`<@${member.id}>`);
    expect(embed?.fields?.[0]?.value).toContain('Ping @\u200bhere');
    expect(message?.allowedMentions?.parse).toEqual([]);
    expect(message?.mentions).toEqual([]);
    expectChart(message?.files ?? []);
    expect(bot.double.threads.find((thread) => thread.id === message?.id)?.name).toBe(
      'Digest 2026-W49 — discussion',
    );
  });

  it('GIVEN a digest just posted THEN a restart (which runs the job at start) does not post it again', async () => {
    const databasePath = temporaryDatabase();
    const clock = fixedClock('2026-11-30T07:00:00Z');
    const first = await start(clock, databasePath);
    await schedule(first, berlinMonday9, '2026-11-23T12:00:00.000Z');
    await runAt(first, clock, '2026-11-30T08:00:10Z');
    expect(digests(first)).toHaveLength(1);
    await stop(first);

    clock.advance(MINUTE);
    const second = await start(clock, databasePath);
    await runDueDigests(second.ctx);
    expect(digests(second)).toHaveLength(1);
  });

  it('GIVEN two bot processes on one database THEN the week is posted once', async () => {
    const databasePath = temporaryDatabase();
    const clock = fixedClock('2026-11-30T07:00:00Z');
    const first = await start(clock, databasePath);
    const second = await start(clock, databasePath);
    await schedule(first, berlinMonday9, '2026-11-23T12:00:00.000Z');
    clock.set('2026-11-30T08:00:05Z');
    const passes = await Promise.all([
      runDueDigests(first.ctx),
      runDueDigests(second.ctx),
      runDueDigests(first.ctx),
    ]);
    expect(passes.flatMap((pass) => pass.posted)).toHaveLength(1);
    expect(digests(first)).toHaveLength(1);
  });

  it('GIVEN a crash after claiming and before posting THEN the next start posts it once', async () => {
    const databasePath = temporaryDatabase();
    const clock = fixedClock('2026-11-30T08:00:02Z');
    const { crashed } = await crashAfterClaiming(clock, databasePath);
    await stop(crashed);

    clock.advance(10 * MINUTE);
    const restarted = await start(clock, databasePath);
    expect(footers(restarted)).toEqual([digestFooter('2026-W49')]);
    const [run] = await findRecentDigestRuns(restarted.ctx.db, restarted.double.guild.id, 1);
    expect(run).toMatchObject({ status: 'posted', attempts: 2, message_id: digests(restarted)[0]?.id });
    await runDueDigests(restarted.ctx);
    expect(digests(restarted)).toHaveLength(1);
  });

  it('GIVEN a crash after posting and before recording THEN recovery finds the post and does not post again', async () => {
    const databasePath = temporaryDatabase();
    const clock = fixedClock('2026-11-30T08:00:02Z');
    const { crashed, slot } = await crashAfterClaiming(clock, databasePath);
    const digest = await prepareDigest(crashed.ctx, {
      guildId: crashed.double.guild.id,
      period: slot.period,
      timezone: 'Europe/Berlin',
      footer: digestFooter(slot.key),
    });
    const channel = await crashed.ctx.client.channels.fetch(crashed.double.channels.progress.id);
    if (!channel?.isSendable()) throw new Error('the digest channel is not sendable');
    const posted = await channel.send({ embeds: [digest.embed], files: digest.files });
    await stop(crashed);

    clock.advance(10 * MINUTE);
    const restarted = await start(clock, databasePath);
    expect(digests(restarted)).toHaveLength(1);
    const [run] = await findRecentDigestRuns(restarted.ctx.db, restarted.double.guild.id, 1);
    expect(run).toMatchObject({ status: 'posted', message_id: posted.id });
  });

  it('GIVEN the bot was down at the slot THEN it posts late once on start within a day, and records an older slot as skipped', async () => {
    const databasePath = temporaryDatabase();
    const clock = fixedClock('2026-11-20T12:00:00Z');
    const setup = await start(clock, databasePath);
    await schedule(setup, berlinMonday9, '2026-11-20T12:00:00.000Z');
    await stop(setup);

    clock.set('2026-11-23T11:00:00Z'); // three hours late
    const late = await start(clock, databasePath);
    expect(footers(late)).toEqual([digestFooter('2026-W48')]);
    await runDueDigests(late.ctx);
    expect(digests(late)).toHaveLength(1);
    await stop(late);

    clock.set('2026-12-01T09:00:00Z'); // 25 hours after Monday's slot
    const later = await start(clock, databasePath);
    expect(digests(later)).toHaveLength(1);
    const runs = await findRecentDigestRuns(later.ctx.db, later.double.guild.id, 5);
    expect(runs.map((run) => [run.slot_key, run.status])).toEqual([
      ['2026-W49', 'skipped'],
      ['2026-W48', 'posted'],
    ]);
  });

  it('GIVEN a missing permission THEN the run fails with the reason, backs off, and posts once the permission is back', async () => {
    const clock = fixedClock('2026-11-23T12:00:00Z');
    const bot = await start(clock);
    await schedule(bot, berlinMonday9, '2026-11-23T12:00:00.000Z');
    const channelId = bot.double.channels.progress.id;
    bot.double.setBotPermissions(
      channelId,
      P.ViewChannel | P.ReadMessageHistory | P.EmbedLinks | P.AttachFiles,
    );

    clock.set('2026-11-30T08:00:10Z');
    const failed = await runDueDigests(bot.ctx);
    expect(failed.failed).toEqual([`${bot.double.guild.id}/2026-W49`]);
    const [run] = await findRecentDigestRuns(bot.ctx.db, bot.double.guild.id, 1);
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run?.last_error).toMatch(/^Missing permissions/);

    clock.advance(5 * MINUTE); // not due yet
    expect((await runDueDigests(bot.ctx)).failed).toEqual([]);
    clock.advance(10 * MINUTE);
    expect((await runDueDigests(bot.ctx)).failed).toHaveLength(1);

    bot.double.setBotPermissions(
      channelId,
      P.ViewChannel |
        P.SendMessages |
        P.ReadMessageHistory |
        P.EmbedLinks |
        P.AttachFiles |
        P.CreatePublicThreads,
    );
    clock.advance(60 * MINUTE);
    expect((await runDueDigests(bot.ctx)).posted).toHaveLength(1);
    expect(footers(bot)).toEqual([digestFooter('2026-W49')]);
  });

  it('GIVEN a failing week THEN pausing the digest stops its retries', async () => {
    const clock = fixedClock('2026-11-23T12:00:00Z');
    const bot = await start(clock);
    await schedule(bot, berlinMonday9, '2026-11-23T12:00:00.000Z');
    bot.double.setBotPermissions(bot.double.channels.progress.id, P.ViewChannel | P.ReadMessageHistory);
    expect((await runAt(bot, clock, '2026-11-30T08:00:10Z')).failed).toHaveLength(1);
    await pauseDigestSchedule(bot.ctx.db, bot.double.guild.id, bot.double.users.admin.id, clock.now());
    clock.advance(2 * 60 * MINUTE);
    expect(await runDueDigests(bot.ctx)).toEqual({ posted: [], failed: [], skipped: [] });
  });
});
