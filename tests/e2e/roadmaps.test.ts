import type { OptionInput } from '@waymark/discord-double';
import type { APIEmbed, APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  listActiveItems,
} from '../../src/roadmaps/followed-roadmap.js';
import { fixedClock } from '../../src/shared/clock.js';
import { readTopicFixture } from '../roadmaps/support/topic-fixtures.js';
import { WEB_ROADMAP } from '../roadmaps/support/web-roadmap.js';
import { addTestGuild, type TestGuild, useTestBot } from '../support/bot.js';
import { customIdsOf } from '../support/interact.js';
import { seedRoadmap as seedRoadmapInto } from '../support/roadmap.js';

const clock = fixedClock('2026-11-26T10:00:00.000Z');
const bot = useTestBot({ clock });
/** Each test's own guild, admin and member: the tests share one bot but nothing else. */
let guild: TestGuild;
beforeEach(() => {
  guild = addTestGuild(bot.double);
});

type Who = 'admin' | 'member' | APIUser;

function userOf(who: Who): APIUser {
  return typeof who === 'string' ? guild[who] : who;
}

/** Runs a command; the clock moves on between commands so the per-member rate limit never trips. */
async function run(
  name: string,
  subcommand: string | undefined,
  options: Record<string, OptionInput> = {},
  who: Who = 'member',
) {
  clock.advance(5_000);
  return bot.double.interact(
    bot.double.slash({
      name,
      ...(subcommand ? { subcommand } : {}),
      options,
      user: userOf(who),
      channelId: guild.channelId,
    }),
  );
}

async function reply(
  name: string,
  subcommand: string | undefined,
  options: Record<string, OptionInput> = {},
  who: Who = 'member',
) {
  return (await run(name, subcommand, options, who)).final();
}

function markdownFile(markdown: string, filename = 'web.md') {
  return { attachment: bot.double.hostAttachment(filename, 'text/markdown; charset=utf-8', markdown) };
}

async function importRoadmap(
  markdown: string,
  options: Record<string, OptionInput> = {},
  filename = 'web.md',
) {
  return reply('roadmap', 'import', { file: markdownFile(markdown, filename), ...options }, 'admin');
}

/** A re-import: `replace:True` shows a dry run, then Apply applies it. */
async function importAndApply(markdown: string) {
  const preview = await importRoadmap(markdown, { replace: true });
  const customId = customIdsOf(preview.components).find((id) => id.startsWith('roadmap:import-apply:'));
  if (!customId) throw new Error(`no Apply button on: ${preview.content}`);
  return (await bot.double.interact(bot.double.button({ customId, message: preview.message }))).final();
}

/** Arranges a roadmap straight through the data layer, for tests whose subject is not the import. */
async function seedRoadmap(markdown: string, name = 'web') {
  await seedRoadmapInto(bot.ctx.db, {
    guildId: guild.id,
    createdBy: guild.admin.id,
    now: clock.now(),
    markdown,
    name,
    source: `${name}.md`,
  });
}

async function choices(
  name: string,
  subcommand: string | undefined,
  focused: string,
  options: Record<string, OptionInput>,
  who: Who = 'member',
) {
  const handle = await bot.double.interact(
    bot.double.autocomplete({
      name,
      ...(subcommand ? { subcommand } : {}),
      focused,
      options,
      user: userOf(who),
      channelId: guild.channelId,
    }),
  );
  return handle.choices();
}

async function activeItem(label: string) {
  const roadmap = await findFollowedRoadmap(bot.ctx.db, guild.id, guild.member.id);
  const item = roadmap && (await listActiveItems(bot.ctx.db, roadmap.id)).find((row) => row.label === label);
  if (!roadmap || !item) throw new Error(`no active item ${label}`);
  return { roadmap, item };
}

async function statusOf(label: string, who: Who = 'member') {
  const { roadmap, item } = await activeItem(label);
  return (await findMemberStatuses(bot.ctx.db, userOf(who).id, roadmap.id)).get(item.id) ?? 'todo';
}

async function countRoadmaps() {
  const rows = await bot.ctx.db
    .selectFrom('roadmaps')
    .select('id')
    .where('guild_id', '=', guild.id)
    .execute();
  return rows.length;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function expectWithinEmbedLimits(embeds: APIEmbed[]) {
  for (const embed of embeds) {
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4_096);
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1_024);
  }
  expect(embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(6_000);
}

describe('/roadmap template and /roadmap import permissions', () => {
  it('GIVEN a member without Manage Server THEN /roadmap import and /roadmap template are refused and nothing is stored', async () => {
    const imported = await reply('roadmap', 'import', { file: markdownFile(WEB_ROADMAP) }, 'member');
    expect(imported.ephemeral).toBe(true);
    expect(imported.content).toBe('/roadmap import needs the Manage Server permission.');
    const template = await reply('roadmap', 'template', { name: 'python-developer' }, 'member');
    expect(template.content).toBe('/roadmap template needs the Manage Server permission.');
    expect(await countRoadmaps()).toBe(0);
  });

  it('GIVEN an admin installs the python-developer template THEN it becomes the default and /roadmap list shows its counts', async () => {
    const installed = await reply('roadmap', 'template', { name: 'python-developer' }, 'admin');
    expect(installed.ephemeral).toBe(true);
    expect(installed.content).toMatch(/^Added \*\*python-developer\*\*: \d+ phases, \d+ items\./);
    expect(installed.content).toContain('default roadmap');

    const again = await reply('roadmap', 'template', { name: 'python-developer' }, 'admin');
    expect(again.content).toMatch(/^Updated \*\*python-developer\*\*: no changes \(\d+ items now\)/);

    const list = await reply('roadmap', 'list', {}, 'member');
    expect(list.ephemeral).toBe(true);
    expect(list.embeds[0]?.description).toMatch(
      /\*\*python-developer\*\* · server default · you follow it\nPython Developer Roadmap · \d+ items · 0 followers/,
    );
  });
});

describe('/roadmap import refusals', () => {
  it('GIVEN a file over 1 MB THEN it is refused before it is downloaded', async () => {
    const file = markdownFile(`## Big\n${'- [ ] item\n'.repeat(110_000)}`);
    const refused = await reply('roadmap', 'import', { file }, 'admin');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/too large .*at most 1 MB/);
    expect(bot.double.downloads).not.toContain(new URL(file.attachment.url).pathname);
    expect(await countRoadmaps()).toBe(0);
  });

  it('GIVEN a file with no checklist items THEN it is refused clearly and nothing is stored', async () => {
    const file = markdownFile('# Notes\n\nJust prose, a table and\n\n- a plain bullet\n');
    const refused = await reply('roadmap', 'import', { file }, 'admin');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('That file has no checklist items (`- [ ] …`).');
    expect(bot.double.downloads).toContain(new URL(file.attachment.url).pathname);
    expect(await countRoadmaps()).toBe(0);
  });

  it('GIVEN an image THEN it is refused as not markdown', async () => {
    const image = {
      attachment: bot.double.hostAttachment('photo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    };
    const refused = await reply('roadmap', 'import', { file: image }, 'admin');
    expect(refused.content).toMatch(/not markdown/);
    expect(await countRoadmaps()).toBe(0);
  });

  it('GIVEN a name already in use without replace THEN the import is refused and the roadmap is unchanged', async () => {
    await seedRoadmap(WEB_ROADMAP);
    const refused = await importRoadmap('## Other\n- [ ] Something else\n');
    expect(refused.content).toMatch(/already has a roadmap named “web”.*replace:True/);
    expect((await activeItem('Learn HTML')).item.label).toBe('Learn HTML');
  });
});

describe('re-import', () => {
  it('GIVEN progress and an edited file imported with replace THEN edited, moved and returning items keep their progress', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await reply('check', undefined, {
      item: String((await activeItem('Learn CSS flexbox layouts')).item.id),
    });
    await reply('check', undefined, {
      item: String((await activeItem('Learn the DOM')).item.id),
      status: 'learning',
    });
    await reply('check', undefined, {
      item: String((await activeItem('Write integration tests')).item.id),
      status: 'skipped',
    });

    const edited = WEB_ROADMAP.replace('Learn CSS flexbox layouts', 'Learn CSS flexbox layout')
      .replace('- [ ] Learn the DOM\n', '')
      .replace('- [ ] Write integration tests\n', '- [ ] Learn the DOM\n');
    const updated = await importAndApply(edited);
    expect(updated.content).toMatch(
      /^Updated \*\*web\*\*: 1 item removed, 1 item renamed, 1 item moved, 3 items and 2 phases unchanged \(5 items now\)\./,
    );
    expect(await statusOf('Learn CSS flexbox layout')).toBe('done');
    expect(await statusOf('Learn the DOM')).toBe('learning');
    expect((await activeItem('Learn the DOM')).item.phase_title).toBe('Phase 2: Backend');

    const restored = await importAndApply(WEB_ROADMAP);
    expect(restored.content).toMatch(
      /: 1 item added, 1 item renamed, 1 item moved, 3 items and 2 phases unchanged/,
    );
    expect(await statusOf('Write integration tests')).toBe('skipped');
  });
});

describe('/check and /uncheck', () => {
  it('GIVEN typed words THEN autocomplete offers matching items with their phase, open ones first', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await reply('check', undefined, { item: String((await activeItem('Learn HTML')).item.id) });
    const offered = await choices('check', undefined, 'item', { item: 'learn' });
    expect(offered.map((choice) => choice.name)).toEqual([
      expect.stringMatching(/Learn CSS flexbox layouts/),
      expect.stringMatching(/Learn the DOM/),
      expect.stringMatching(/Learn HTML/),
    ]);
    expect(offered[0]?.name).toContain('Phase 1');
    const undo = await choices('uncheck', undefined, 'item', { item: 'learn' });
    expect(undo[0]?.name).toMatch(/Learn HTML/);
  });

  it('GIVEN an item checked with a note and link THEN the private reply shows the phase progress and the streak, and the change is logged', async () => {
    await seedRoadmap(WEB_ROADMAP);
    const { item } = await activeItem('Learn HTML');
    const checked = await reply('check', undefined, {
      item: String(item.id),
      note: 'Finished the MDN course',
      link: 'https://developer.mozilla.org/',
    });
    expect(checked.ephemeral).toBe(true);
    expect(checked.content).toBe(
      '✅ **Learn HTML** — done (was to do).\n\nPhase 1: Basics\n▰▰▱▱▱▱▱▱▱▱ 25% · 1/4\nWeekly streak: 🔥 1 week · longest 1 week',
    );
    const events = await bot.ctx.db
      .selectFrom('activity_events')
      .selectAll()
      .where('guild_id', '=', guild.id)
      .execute();
    expect(events).toEqual([
      expect.objectContaining({
        user_id: guild.member.id,
        kind: 'item_status',
        item_id: item.id,
        from_status: 'todo',
        to_status: 'done',
        note: 'Finished the MDN course',
        // Links are stored normalized, like every link Waymark keeps.
        link: 'https://developer.mozilla.org',
      }),
    ]);

    const again = await reply('check', undefined, { item: 'learn html' });
    expect(again.content).toMatch(/^\*\*Learn HTML\*\* is already done — nothing changed\./);
    expect(
      await bot.ctx.db.selectFrom('activity_events').selectAll().where('guild_id', '=', guild.id).execute(),
    ).toHaveLength(1);

    const unchecked = await reply('uncheck', undefined, { item: String(item.id) });
    expect(unchecked.content).toMatch(/^⬜ \*\*Learn HTML\*\* — to do \(was done\)\./);
    expect(await statusOf('Learn HTML')).toBe('todo');
  });

  it('GIVEN free text that matches no item THEN the member is told clearly and nothing changes', async () => {
    await seedRoadmap(WEB_ROADMAP);
    const refused = await reply('check', undefined, { item: 'quantum basket weaving' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^No single item in \*\*web\*\* matches “quantum basket weaving”/);
    expect(
      await bot.ctx.db.selectFrom('member_progress').selectAll().where('guild_id', '=', guild.id).execute(),
    ).toHaveLength(0);
  });

  it('GIVEN a roadmap-less server THEN /check, /roadmap follow, view and export say how to add one', async () => {
    const attempts = [
      await reply('check', undefined, { item: 'anything' }),
      await reply('roadmap', 'follow', { roadmap: 'web' }),
      await reply('roadmap', 'view', {}),
      await reply('roadmap', 'export', {}),
    ];
    for (const refused of attempts) {
      expect(refused.ephemeral).toBe(true);
      expect(refused.content).toMatch(/no roadmap yet/);
    }
  });

  it.each([
    ['javascript:alert(1)', /Only http:\/\/ and https:\/\/ links/],
    ['not a link', /does not look like a link/],
  ])('GIVEN the link %s THEN /check refuses it and changes nothing', async (link, message) => {
    await seedRoadmap(WEB_ROADMAP);
    const refused = await reply('check', undefined, { item: 'learn html', link });
    expect(refused.content).toMatch(message);
    expect(await statusOf('Learn HTML')).toBe('todo');
  });

  it('GIVEN the last open item of a phase THEN a public celebration names the member as text and pings nobody', async () => {
    await seedRoadmap('## Phase 1: Basics\n- [ ] Learn HTML\n- [ ] Learn CSS\n## Phase 2\n- [ ] Other\n');
    const ada = bot.double.addUser({ username: 'ada' });
    bot.double.addMember(ada.id, { guildId: guild.id, nick: '@everyone Ada <@&1>' });
    const first = await run('check', undefined, { item: 'learn html' }, ada);
    await first.final();
    expect(first.followUps()).toHaveLength(0);

    const last = await run('check', undefined, { item: 'learn css', status: 'skipped' }, ada);
    expect((await last.final()).content).toContain('100% · 2/2');
    const celebration = await bot.double.waitFor(() => last.followUps()[0]);
    expect(celebration.flags ?? 0).toBe(0);
    expect(celebration.content).toBe('🎉 **@everyone Ada <@&1>** finished **Phase 1: Basics** on web!');
    const record = bot.double.messagesIn(guild.channelId).find((message) => message.id === celebration.id);
    expect(record).toBeDefined();
    expect(bot.double.state.messages.get(celebration.id).allowedMentions?.parse).toEqual([]);

    const redo = await run('check', undefined, { item: 'learn css', status: 'done' }, ada);
    await redo.final();
    expect(redo.followUps()).toHaveLength(0);
  });
});

function buttonIds(message: { components?: unknown[] }): string[] {
  const rows = (message.components ?? []) as { components?: { custom_id?: string; disabled?: boolean }[] }[];
  return rows.flatMap((row) =>
    (row.components ?? []).filter((button) => !button.disabled).map((button) => button.custom_id ?? ''),
  );
}

describe('/roadmap follow and /roadmap view', () => {
  it('GIVEN two roadmaps THEN a member follows one picked by autocomplete, and an unknown one is refused', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await seedRoadmap('## Rust\n- [ ] Ownership\n- [ ] Lifetimes\n', 'rust');
    const offered = await choices('roadmap', 'follow', 'roadmap', { roadmap: 'ru' });
    expect(offered).toEqual([{ name: 'rust · 2 items', value: expect.any(String) }]);

    const followed = await reply('roadmap', 'follow', { roadmap: String(offered[0]?.value) });
    expect(followed.ephemeral).toBe(true);
    expect(followed.content).toMatch(/^You now follow \*\*rust\*\*/);
    const items = await choices('check', undefined, 'item', { item: '' });
    expect(items.map((choice) => choice.name)).toEqual([
      expect.stringMatching(/Ownership/),
      expect.stringMatching(/Lifetimes/),
    ]);

    const unknown = await reply('roadmap', 'follow', { roadmap: 'haskell' });
    expect(unknown.content).toMatch(/^No roadmap by that name/);

    const list = await reply('roadmap', 'list', {});
    expect(list.embeds[0]?.description).toContain('**rust** · you follow it\n2 items · 1 follower');
  });

  it('GIVEN progress THEN /roadmap view shows phase bars, the overall total and what is next, privately unless shared', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await reply('check', undefined, { item: 'learn html' });
    await reply('check', undefined, { item: 'semantic elements', status: 'skipped' });
    await reply('check', undefined, { item: 'learn the dom', status: 'learning' });

    const view = await reply('roadmap', 'view', {});
    expect(view.ephemeral).toBe(true);
    const [embed] = view.embeds;
    expect(embed?.title).toBe('member · Web path');
    expect(embed?.description).toBe(
      [
        '**Overall** ▰▰▰▱▱▱▱▱▱▱ 33% · 2/6',
        '',
        '**Phase 1: Basics**',
        '▰▰▰▰▰▱▱▱▱▱ 50% · 2/4',
        '**Phase 2: Backend**',
        '▱▱▱▱▱▱▱▱▱▱ 0% · 0/2',
      ].join('\n'),
    );
    expect(embed?.fields?.[0]).toEqual({
      name: 'Next up',
      value:
        '📖 Learn the DOM\n⬜ Learn CSS flexbox layouts\n⬜ Build a REST API with Express\n⬜ Write integration tests',
    });

    const shared = await reply('roadmap', 'view', { member: { user: guild.member }, share: true }, 'admin');
    expect(shared.ephemeral).toBe(false);
    expect(shared.embeds[0]?.title).toBe('member · Web path');
    expect(shared.embeds[0]?.description).toContain('33% · 2/6');
  });

  it('GIVEN a phase picked by autocomplete THEN its items show with status icons', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await reply('check', undefined, { item: 'learn html' });
    const phases = await choices('roadmap', 'view', 'phase', { phase: 'basics' });
    expect(phases).toEqual([{ name: 'Phase 1: Basics', value: expect.any(String) }]);
    const view = await reply('roadmap', 'view', { phase: String(phases[0]?.value) });
    expect(view.embeds[0]?.description).toBe(
      [
        '**Phase 1: Basics**',
        '▰▰▱▱▱▱▱▱▱▱ 25% · 1/4',
        '',
        '✅ Learn HTML',
        '\u2003⬜ Semantic elements',
        '⬜ Learn CSS flexbox layouts',
        '⬜ Learn the DOM',
      ].join('\n'),
    );
    const unknown = await reply('roadmap', 'view', { phase: 'astronomy' });
    expect(unknown.content).toMatch(/^No phase of web matches “astronomy”/);
  });
});

describe('a roadmap with 2,000 items', () => {
  const HUGE = [
    '# Huge',
    ...Array.from({ length: 4 }, (_, phase) => [
      `## Phase ${phase + 1}: ${'a very long phase title that goes on '.repeat(3)}`,
      ...Array.from(
        { length: 500 },
        (_, n) =>
          `- [ ] Study topic ${phase * 500 + n} in depth: ${'closures, generators and decorators '.repeat(4)}`,
      ),
    ]).flat(),
  ].join('\n');

  it('GIVEN 2,000 items THEN autocomplete answers ≤ 25 choices within 100 characters, and view pages stay within limits and turn for their owner only', async () => {
    const imported = await importRoadmap(HUGE, {}, 'huge.md');
    expect(imported.content).toMatch(/4 phases, 2,?000 items/);

    for (const query of ['', 'topic 1999', 'generators', 'decoratrs']) {
      const offered = await choices('check', undefined, 'item', { item: query });
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.length).toBeLessThanOrEqual(25);
      for (const choice of offered) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(String(choice.value).length).toBeLessThanOrEqual(100);
      }
    }

    const overview = await reply('roadmap', 'view', {});
    expectWithinEmbedLimits(overview.embeds);

    const phases = await choices('roadmap', 'view', 'phase', { phase: 'phase 4' });
    const first = await run('roadmap', 'view', { phase: String(phases[0]?.value), share: true });
    const page1 = await first.final();
    expect(page1.ephemeral).toBe(false);
    expectWithinEmbedLimits(page1.embeds);
    expect(page1.embeds[0]?.description).toContain('Study topic 1500 in depth');
    const next = buttonIds(page1).find((id) => id.endsWith(':next'));
    expect(next).toBeDefined();

    const stranger = await bot.double.interact(
      bot.double.button({ customId: next ?? '', message: page1.message, user: guild.admin }),
    );
    const refused = await stranger.final();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/belong to someone else/);

    const turned = await bot.double.interact(
      bot.double.button({ customId: next ?? '', message: page1.message, user: guild.member }),
    );
    await turned.response();
    const page2 = await bot.double.waitFor(() => {
      const message = bot.double.message(page1.message.id);
      return message?.embeds[0]?.description !== page1.embeds[0]?.description ? message : undefined;
    });
    expectWithinEmbedLimits(page2.embeds);
    expect(page2.embeds[0]?.description).not.toContain('Study topic 1500 in depth');
  });
});

describe('/roadmap export', () => {
  it('GIVEN checked items THEN the export is a markdown file that imports back as the same items with the same statuses', async () => {
    await seedRoadmap(WEB_ROADMAP);
    await reply('check', undefined, { item: 'semantic elements' }, 'admin');
    await reply('check', undefined, { item: 'learn the dom', status: 'learning' }, 'admin');
    await reply('check', undefined, { item: 'integration tests', status: 'skipped' }, 'admin');

    const exported = await reply('roadmap', 'export', {}, 'admin');
    expect(exported.ephemeral).toBe(true);
    const [file] = exported.attachments;
    expect(file?.filename).toBe('web.md');
    const markdown = file?.data.toString('utf8') ?? '';
    expect(markdown).toContain('  - [x] Semantic elements');
    expect(markdown).toContain('- [ ] Learn the DOM _(learning)_');
    expect(markdown).toContain('- [ ] Write integration tests _(skipped)_');

    const copy = await importRoadmap(markdown, { name: 'web copy' }, 'web.md');
    expect(copy.content).toMatch(/^Added \*\*web copy\*\*: 2 phases, 6 items\./);
    expect(copy.content).toMatch(/set your own status on 3 items/);
    const original = await bot.ctx.db
      .selectFrom('roadmaps')
      .selectAll()
      .where('guild_id', '=', guild.id)
      .where('name', '=', 'web')
      .executeTakeFirstOrThrow();
    const imported = await bot.ctx.db
      .selectFrom('roadmaps')
      .selectAll()
      .where('guild_id', '=', guild.id)
      .where('name', '=', 'web copy')
      .executeTakeFirstOrThrow();
    const shape = async (roadmapId: number) => {
      const statuses = await findMemberStatuses(bot.ctx.db, guild.admin.id, roadmapId);
      return (await listActiveItems(bot.ctx.db, roadmapId)).map((item) => [
        item.key,
        item.markdown,
        item.depth,
        statuses.get(item.id) ?? 'todo',
      ]);
    };
    expect(await shape(imported.id)).toEqual(await shape(original.id));

    const theirs = await reply('roadmap', 'export', { member: { user: guild.member } }, 'admin');
    expect(theirs.attachments[0]?.data.toString('utf8')).not.toContain('[x]');
  });
});

describe('roadmaps shaped like large public ones: topics, labels, badges', () => {
  const TOPICS = readTopicFixture('frontend-topics.md');

  it('GIVEN headings inside list items THEN the phase view groups items by topic, autocomplete finds topic words, /check names the topic and export gives the file back byte for byte', async () => {
    const imported = await importRoadmap(TOPICS, { name: 'frontend' }, 'frontend.md');
    expect(imported.content).toMatch(/^Added \*\*frontend\*\*: 3 phases, 17 items\./);

    const phases = await choices('roadmap', 'view', 'phase', { phase: 'html' });
    const view = await reply('roadmap', 'view', { phase: String(phases[0]?.value) });
    expect(view.embeds[0]?.description).toContain(
      [
        '__HTML › Learn the basics__',
        '⬜ Document structure',
        '⬜ Writing semantic HTML',
        '__HTML › Forms and validations__',
        '⬜ Forms',
        '⬜ Validations',
        '\u2003⬜ video',
        '__HTML__',
        '⬜ Accessibility',
      ].join('\n'),
    );

    // "git" is only in a topic: the items under it are found by it, and named with it.
    const offered = await choices('check', undefined, 'item', { item: 'git' });
    expect(offered.map((choice) => choice.name)).toEqual([
      'Version control · Git · Basic usage',
      'Version control · Git · Branching and merging',
    ]);

    const checked = await reply('check', undefined, { item: String(offered[0]?.value) });
    expect(checked.content).toMatch(
      /^✅ \*\*Basic usage\*\* — done \(was to do\)\.\n\nVersion control · Git\n/,
    );

    const exported = await reply('roadmap', 'export', {}, 'admin');
    expect(exported.attachments[0]?.data.toString('utf8')).toBe(TOPICS);
    const theirs = await reply('roadmap', 'export', {}, 'member');
    const expected = TOPICS.replaceAll('[x]', '[ ]')
      .replace(' _(learning)_', '')
      .replace(' *(skipped)*', '')
      .replace('  - [ ] Basic usage', '  - [x] Basic usage');
    expect(theirs.attachments[0]?.data.toString('utf8')).toBe(expected);
  });

  it('GIVEN badges and bold terms THEN labels are the terms, badges show as tags and /check shows the description', async () => {
    await importRoadmap(
      readTopicFixture('frontend-checklist-badges.md'),
      { name: 'checklist' },
      'checklist.md',
    );
    const [doctype] = await choices('check', undefined, 'item', { item: 'doctype' });
    expect(doctype?.name).toBe('Head · Meta tag · Doctype');
    const checked = await reply('check', undefined, { item: String(doctype?.value) });
    expect(checked.content).toMatch(
      /^✅ \*\*Doctype\*\* `High` — done \(was to do\)\.\nThe Doctype is HTML5 and is at the top of all your HTML pages\.\n\nHead · Meta tag\n/,
    );

    const phases = await choices('roadmap', 'view', 'phase', { phase: 'images' });
    const view = await reply('roadmap', 'view', { phase: String(phases[0]?.value) });
    expect(view.embeds[0]?.description).toContain(
      '⬜ Retina `Low`\n\u2003\u2003You provide layout images 2x or 3x, support retina display.',
    );
  });

  it('GIVEN a UTF-16 file with a byte order mark THEN it is imported like UTF-8', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('## Été\n- [ ] Métaclasses\n', 'utf16le'),
    ]);
    const file = { attachment: bot.double.hostAttachment('notes.md', 'text/markdown', utf16) };
    const imported = await reply('roadmap', 'import', { file }, 'admin');
    expect(imported.content).toMatch(/^Added \*\*notes\*\*: 1 phase, 1 item\./);
    expect((await activeItem('Métaclasses')).item.key).toBe('ete/metaclasses');
  });

  it('GIVEN a file in another encoding THEN it is refused with a hint to save it as UTF-8, and nothing is stored', async () => {
    const latin1 = Buffer.from('## Été\n- [ ] Métaclasses\n', 'latin1');
    const file = { attachment: bot.double.hostAttachment('notes.md', 'text/markdown', latin1) };
    const refused = await reply('roadmap', 'import', { file }, 'admin');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/not a text \(markdown\) file in UTF-8\. Save it as UTF-8/);
    expect(await countRoadmaps()).toBe(0);
  });

  it('GIVEN more than 2,000 items THEN the import is refused and nothing is stored', async () => {
    const refused = await importRoadmap(`## Big\n${'- [ ] item\n'.repeat(2_001)}`);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('That roadmap has more than 2,000 checklist items.');
    expect(await countRoadmaps()).toBe(0);
  });
});
