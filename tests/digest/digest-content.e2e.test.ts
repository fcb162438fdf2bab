import type { StoredFile } from '@waymark/discord-double';
import { beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/discord/jobs/digest-job.js';
import { DIGEST_CHART_FILE } from '../../src/discord/views/digest-view.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';
import {
  completeItem,
  freshDigestAdmin,
  insertEvents,
  numberedRoadmap,
  runDigest,
} from './digest-fixtures.js';

// Thursday 3 December 2026, 13:00 in Berlin (UTC+1).
const NOW = '2026-12-03T12:00:00.000Z';

describe('the digest’s days and names', () => {
  const clock = fixedClock(NOW);
  let erin: string;
  let pia: string;
  let admin: string;
  let channelId: string;

  const bot = useTestBot({ clock }, async () => {
    const guildId = bot.double.guild.id;
    erin = addTestMember(bot.double, { username: 'erin', globalName: 'Erin' }).id;
    pia = addTestMember(bot.double, { username: 'pia', globalName: 'Pia Private' }).id;
    await slashReply(bot.double, { name: 'settings', user: pia, options: { 'public-profile': false } });

    const roadmap = await seedRoadmap(bot.ctx.db, {
      ...numberedRoadmap(guildId, [2, 2]),
      phases: { 'Object-oriented programming': ['Item 1', 'Item 2'], 'Phase 2': ['Item 3', 'Item 4'] },
    });
    const item = (label: string) => roadmap.items.get(label) ?? 0;
    // Erin: feedback given early on Friday, a resource late on Sunday, a project just after
    // midnight (already Monday in Berlin, still Sunday in UTC), an item on Monday morning, a
    // learning this morning, and one last Thursday afternoon (before the 7 days).
    await completeItem(bot.ctx.db, erin, roadmap.roadmapId, item('Item 1'), '2026-11-30T09:00:00Z', guildId);
    // Pia (private): finishes a phase on Tuesday, shares a learning and asks for feedback on Wednesday.
    for (const label of ['Item 3', 'Item 4'])
      await completeItem(bot.ctx.db, pia, roadmap.roadmapId, item(label), '2026-12-01T10:00:00Z', guildId);
    await insertEvents(
      bot.ctx.db,
      [
        { user_id: erin, kind: 'learning_shared', occurred_at: '2026-11-26T13:00:00Z', note: 'Too early' },
        { user_id: erin, kind: 'feedback_given', occurred_at: '2026-11-27T07:00:00Z', subject_id: 99 },
        { user_id: erin, kind: 'resource_added', occurred_at: '2026-11-29T22:30:00Z', subject_id: 1 },
        { user_id: erin, kind: 'project_created', occurred_at: '2026-11-29T23:30:00Z', subject_id: 1 },
        {
          user_id: erin,
          kind: 'learning_shared',
          occurred_at: '2026-12-03T08:00:00Z',
          note: 'Dunder methods',
          link: 'https://discord.com/channels/1/2/3',
        },
        {
          user_id: pia,
          kind: 'learning_shared',
          occurred_at: '2026-12-02T10:00:00Z',
          note: 'Mixins, carefully',
          link: 'https://discord.com/channels/1/2/4',
        },
        {
          user_id: pia,
          kind: 'feedback_requested',
          occurred_at: '2026-12-02T11:00:00Z',
          subject_id: 50,
          note: 'Review my class design',
          link: 'https://discord.com/channels/1/5',
        },
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

  async function setup(day: string, hour: number) {
    await asAdmin('setup', { channel: { channel: channelId }, day, hour, timezone: 'Europe/Berlin' });
  }

  /** The digest's time zone is its schedule's. */
  async function previewInBerlin() {
    await setup('friday', 17);
    return asAdmin('preview');
  }

  /** The chart's series, read from the alt text the chart is sent with. */
  function chartSeries(files: readonly StoredFile[]): string[] {
    const description = files.find((file) => file.filename === DIGEST_CHART_FILE)?.description ?? '';
    return description
      .replace(/^Activity, day by day\. /, '')
      .replace(/\.$/, '')
      .split('; ');
  }

  const THURSDAY_WEEK = [
    'Fri 27 Nov: 1 other update',
    'Sat 28 Nov: nothing',
    'Sun 29 Nov: 1 other update',
    'Mon 30 Nov: 1 item done, 1 other update',
    'Tue 1 Dec: 2 items done',
    'Wed 2 Dec: 1 learning, 1 other update',
    'Today 3 Dec: 1 learning',
  ];

  it('GIVEN a preview on Thursday 13:00 Berlin THEN the chart shows the calendar days Friday to today, each event on its local day', async () => {
    const reply = await previewInBerlin();
    expect(chartSeries(reply.attachments)).toEqual(THURSDAY_WEEK);
    const start = Date.parse('2026-11-26T23:00:00Z') / 1000;
    expect(reply.embeds[0]?.description).toContain(`<t:${start}:D> → <t:${Date.parse(NOW) / 1000}:D>`);
    // Last Thursday afternoon is before the report's first day.
    expect(reply.embeds[0]?.description).toContain('📚 **2** learnings shared');
  });

  it('GIVEN /digest send on Thursday THEN the posted chart has the same days as the preview', async () => {
    await setup('friday', 17);
    await asAdmin('send');
    const [message] = bot.double.messagesIn(channelId).filter((candidate) => candidate.author.bot);
    expect(chartSeries(message?.files ?? [])).toEqual(THURSDAY_WEEK);
  });

  it('GIVEN the scheduled Monday 09:00 digest THEN its chart is last Monday to Sunday, without a "Today"', async () => {
    clock.set('2026-11-30T07:00:00Z');
    await setup('monday', 9);
    clock.set('2026-12-07T08:00:30Z');
    await runDueDigests(bot.ctx);
    const [message] = bot.double.messagesIn(channelId).filter((candidate) => candidate.author.bot);
    expect(chartSeries(message?.files ?? [])).toEqual([
      'Mon 30 Nov: 1 item done, 1 other update',
      'Tue 1 Dec: 2 items done',
      'Wed 2 Dec: 1 learning, 1 other update',
      'Thu 3 Dec: 1 learning',
      'Fri 4 Dec: nothing',
      'Sat 5 Dec: nothing',
      'Sun 6 Dec: nothing',
    ]);
  });

  it('GIVEN a member’s week THEN their line says what they did, with the phase’s percent kept whole', async () => {
    const reply = await previewInBerlin();
    expect(reply.embeds[0]?.description).toContain(
      '**Erin** — 1 item done (Object-oriented progr… 50%) · 1 learning · 1 resource · 1 project updated · feedback given 1×',
    );
  });

  it('GIVEN a member with public-profile off THEN the digest counts them but never names them', async () => {
    const reply = await previewInBerlin();
    const embed = reply.embeds[0];
    expect(JSON.stringify(embed)).not.toMatch(/Pia|pia/);
    expect(JSON.stringify(embed)).not.toContain(pia);
    expect(embed?.description).toContain('👥 **2** active members');
    expect(embed?.description).toContain('…and 1 more active member');
    const fields = Object.fromEntries((embed?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Phases completed']).toBe('🏁 A member finished *Phase 2* · Python Developer');
    expect(fields['Learnings this week']).toContain(
      '• [Mixins, carefully](https://discord.com/channels/1/2/4)\n',
    );
    expect(fields['Learnings this week']).toContain('— Erin');
    expect(fields['Waiting for feedback (1)']).toMatch(
      /^• \[Review my class design\]\(https:\/\/discord\.com\/channels\/1\/5\), <t:\d+:R>$/,
    );
  });
});
