import { MessageFlags, PermissionFlagsBits as P } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { findDigestSchedule } from '../../src/digest/digest-schedules.js';
import { runDueDigests } from '../../src/discord/jobs/digest-job.js';
import { DIGEST_CHART_FILE, digestFooter } from '../../src/discord/views/digest-view.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { autocompleteChoices, slashReply } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';
import {
  completeItem,
  expectChart,
  freshDigestAdmin,
  insertEvents,
  numberedRoadmap,
  runDigest,
} from './digest-fixtures.js';

// Wednesday 2 December 2026, 12:00 in Berlin.
const NOW = '2026-12-02T11:00:00.000Z';

describe('/digest', () => {
  const clock = fixedClock(NOW);
  let ada: string;
  /** A fresh admin per test, so the per-member rate limit (on a clock that stands still) never interferes. */
  let admin: string;
  /** A fresh channel per test, so each test sees only its own posts. */
  let channelId: string;

  const bot = useTestBot({ clock }, async () => {
    ada = addTestMember(bot.double, { username: 'ada', globalName: 'Ada Lovelace' }).id;
    const guildId = bot.double.guild.id;
    const roadmap = await seedRoadmap(bot.ctx.db, numberedRoadmap(guildId, [2, 3]));
    for (const [index, label] of ['Item 1', 'Item 2'].entries()) {
      await completeItem(
        bot.ctx.db,
        ada,
        roadmap.roadmapId,
        roadmap.items.get(label) ?? 0,
        `2026-11-3${index}T10:00:00.000Z`,
        guildId,
      );
    }
    await insertEvents(
      bot.ctx.db,
      [
        {
          user_id: ada,
          kind: 'learning_shared',
          occurred_at: '2026-12-01T09:00:00.000Z',
          note: 'Context managers @everyone',
          link: 'https://discord.com/channels/1/2/3',
        },
        { user_id: bot.double.users.member.id, kind: 'goal_set', occurred_at: '2026-11-20T09:00:00.000Z' },
      ],
      guildId,
    );
  });
  beforeEach(async () => {
    clock.set(NOW);
    ({ admin, channelId } = await freshDigestAdmin(bot));
  });

  const asAdmin = (subcommand: string, options?: Parameters<typeof runDigest>[3]) =>
    runDigest(bot, admin, subcommand, options);

  function setup(options: Record<string, string | number> = {}) {
    return asAdmin('setup', {
      channel: { channel: channelId },
      day: 'monday',
      hour: 9,
      timezone: 'Europe/Berlin',
      ...options,
    });
  }

  async function runJobAt(at: string) {
    clock.set(at);
    await runDueDigests(bot.ctx);
  }

  function field(reply: { embeds: { fields?: { name: string; value: string }[] }[] }, name: string): string {
    return reply.embeds[0]?.fields?.find((candidate) => candidate.name === name)?.value ?? '';
  }

  function posted() {
    return bot.double.messagesIn(channelId).filter((message) => message.author.bot);
  }

  it('GIVEN an admin THEN setup saves the schedule and privately shows the next digest as a Discord timestamp', async () => {
    const reply = await setup();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(`<#${channelId}>`);
    expect(reply.content).toContain('Mondays at 09:00 (Europe/Berlin)');
    expect(reply.content).toContain(`<t:${Date.parse('2026-12-07T08:00:00Z') / 1000}:F>`);
    expect(await findDigestSchedule(bot.ctx.db, bot.double.guild.id)).toMatchObject({
      day: 1,
      hour: 9,
      timezone: 'Europe/Berlin',
      paused: 0,
    });
  });

  it('GIVEN a member without Manage Server THEN setup is refused and nothing is saved', async () => {
    const reply = await slashReply(bot.double, {
      name: 'digest',
      subcommand: 'setup',
      ignoreDefaultMemberPermissions: true,
      options: { channel: { channel: channelId }, day: 'monday', hour: 9 },
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('/digest setup needs the Manage Server permission.');
    expect(await findDigestSchedule(bot.ctx.db, bot.double.guild.id)).toBeUndefined();
  });

  it('GIVEN an unknown time zone THEN setup is refused with a clear message', async () => {
    const reply = await setup({ timezone: 'Mars/Olympus_Mons' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('“Mars/Olympus_Mons” is not a time zone I know');
    expect(await findDigestSchedule(bot.ctx.db, bot.double.guild.id)).toBeUndefined();
  });

  it('GIVEN the bot cannot attach files or open threads in the channel THEN setup names what is missing', async () => {
    const channel = bot.double.addChannel({ name: 'locked' });
    bot.double.setBotPermissions(
      channel.id,
      P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory,
    );
    const reply = await asAdmin('setup', { channel: { channel: channel.id }, day: 'friday', hour: 17 });
    expect(reply.content).toContain('It is missing: Attach Files, Create Public Threads.');
    expect(await findDigestSchedule(bot.ctx.db, bot.double.guild.id)).toBeUndefined();
  });

  it('GIVEN a partial time zone THEN autocomplete offers matching zones, at most 25', async () => {
    const zones = async (typed: string) => {
      const choices = await autocompleteChoices(bot.double, {
        name: 'digest',
        subcommand: 'setup',
        user: admin,
        focused: 'timezone',
        options: { timezone: typed },
      });
      return choices.map((choice) => String(choice.value));
    };
    const matching = await zones('europe/be');
    expect(matching).toContain('Europe/Berlin');
    expect(matching.every((zone) => zone.toLowerCase().includes('europe/be'))).toBe(true);
    expect(await zones('')).toHaveLength(25);
  });

  it('GIVEN /digest preview THEN the admin privately sees the week as it would post, with names as text and the chart', async () => {
    await setup();
    const reply = await asAdmin('preview');
    expect(reply.ephemeral).toBe(true);
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Weekly digest');
    expect(embed?.description).toContain('**Ada Lovelace** — 2 items done (Phase 1 100%) · 1 learning');
    expect(embed?.description).toContain('1 member was quiet this week');
    expect(embed?.description).not.toContain(`<@${ada}>`);
    expect(field(reply, 'Phases completed')).toContain('🏁 **Ada Lovelace** finished *Phase 1*');
    expect(field(reply, 'Learnings this week')).toContain(
      '[Context managers @\u200beveryone](https://discord.com/channels/1/2/3) — Ada Lovelace',
    );
    expect(embed?.footer?.text).toBe('Preview — not posted');
    expectChart(reply.attachments);
    expect(posted()).toHaveLength(0);
  });

  it('GIVEN /digest send on Wednesday THEN it posts with its chart as this week’s digest, and Friday’s scheduled one skips the week', async () => {
    await setup({ day: 'friday', hour: 17 });
    const reply = await asAdmin('send');
    expect(reply.ephemeral).toBe(true);
    const [message] = posted();
    expect(message).toBeDefined();
    expect(reply.content).toContain('Posted this week’s digest (`2026-W49`)');
    expect(reply.content).toContain(message?.id);
    expect(reply.content).toContain(
      `<t:${Date.parse('2026-12-04T16:00:00Z') / 1000}:F> will not post this week`,
    );
    expect(message?.allowedMentions?.parse).toEqual([]);
    expect(message?.embeds[0]?.footer?.text).toBe(digestFooter('2026-W49'));
    expect(message?.embeds[0]?.description).toContain('**Ada Lovelace**');
    expect(message?.embeds[0]?.image?.url).toContain(DIGEST_CHART_FILE);
    expectChart(message?.files ?? []);
    expect(bot.double.threads.some((thread) => thread.id === message?.id)).toBe(true);

    const again = await asAdmin('send');
    expect(again.content).toContain('This week’s digest is already posted.');
    await runJobAt('2026-12-04T16:00:30Z');
    expect(posted()).toHaveLength(1);
    await runJobAt('2026-12-11T16:00:30Z');
    expect(posted()).toHaveLength(2);
  });

  it('GIVEN this week’s Monday digest already posted THEN /digest send refuses, and the next one still posts on schedule', async () => {
    clock.set('2026-11-30T07:00:00Z');
    await setup();
    await runJobAt('2026-11-30T08:00:30Z');
    clock.set(NOW);
    const reply = await asAdmin('send');
    expect(reply.content).toContain('already posted');
    expect(posted()).toHaveLength(1);
    await runJobAt('2026-12-07T08:00:30Z');
    expect(posted()).toHaveLength(2);
  });

  it('GIVEN no digest set up THEN send, pause and status explain how to set it up', async () => {
    for (const subcommand of ['send', 'pause', 'status']) {
      const reply = await asAdmin(subcommand);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/\/digest setup/);
    }
    expect(posted()).toHaveLength(0);
  });

  it('GIVEN a schedule THEN status shows it with the next digest; pause stops it, once', async () => {
    await setup();
    const status = await asAdmin('status');
    expect(status.flags & MessageFlags.Ephemeral).toBeTruthy();
    const fields = Object.fromEntries(
      (status.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields.Schedule).toBe(`Mondays at 09:00 (Europe/Berlin) in <#${channelId}>`);
    expect(fields['Next digest']).toContain(`<t:${Date.parse('2026-12-07T08:00:00Z') / 1000}:F>`);
    expect(fields['Recent runs']).toBe('None yet.');

    expect((await asAdmin('pause')).content).toContain('paused');
    expect((await asAdmin('pause')).content).toBe(
      'The digest is already paused. Run /digest setup to resume it.',
    );
    const paused = await asAdmin('status');
    expect(field(paused, 'Next digest')).toContain('Paused');
    await runJobAt('2026-12-07T08:00:30Z');
    expect(posted()).toHaveLength(0);
  });

  it('GIVEN the bot lost Send Messages THEN status reports the failed run, its reason and the next try', async () => {
    clock.set('2026-11-30T07:00:00Z');
    await setup();
    bot.double.setBotPermissions(
      channelId,
      P.ViewChannel | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory,
    );
    await runJobAt('2026-11-30T08:00:30Z');
    const status = await asAdmin('status');
    expect(field(status, 'Recent runs')).toMatch(
      /^❌ `2026-W49` failed after 1 attempt: Missing permissions: .* — next try <t:\d+:R>$/,
    );
    expect(posted()).toHaveLength(0);
  });
});
