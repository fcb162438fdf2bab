import type { FinalResponse } from '@waymark/discord-double';
import type { APIInteraction, APIMessageComponentInteraction, APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { findMemberStatuses, listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { findRoadmapById } from '../../src/roadmaps/roadmap-queries.js';
import { fixedClock } from '../../src/shared/clock.js';
import { WEB_ROADMAP } from '../roadmaps/support/web-roadmap.js';
import { addTestGuild, type TestGuild, useTestBot } from '../support/bot.js';
import { customIdsOf } from '../support/interact.js';
import { seedRoadmap, setItemStatusDirectly } from '../support/roadmap.js';

const clock = fixedClock('2026-12-02T10:00:00.000Z');
const bot = useTestBot({ clock });
let guild: TestGuild;
let roadmapId: number;

beforeEach(async () => {
  guild = addTestGuild(bot.double);
  const seeded = await seedRoadmap(bot.ctx.db, {
    guildId: guild.id,
    createdBy: guild.admin.id,
    now: clock.now(),
    markdown: WEB_ROADMAP,
    name: 'web',
  });
  roadmapId = seeded.roadmapId;
  const member = { guildId: guild.id, userId: guild.member.id };
  for (const [label, status] of [
    ['Learn HTML', 'done'],
    ['Learn CSS flexbox layouts', 'done'],
    ['Learn the DOM', 'learning'],
    ['Write integration tests', 'skipped'],
  ] as const) {
    await setItemStatusDirectly(bot.ctx.db, member, seeded.items.get(label)!, status, clock.now());
  }
});

/** The phase renamed, an item moved to the other phase, a label edited, one item replaced. */
const EDITED = `# Web path

## Phase 1: Foundations
- [ ] Learn HTML
  - [ ] Semantic elements
- [ ] Learn CSS flexbox layout

## Phase 2: Backend
- [ ] Learn the DOM
- [ ] Build a REST API with Express
- [ ] Deploy with Docker
`;

async function importFile(markdown: string, user: APIUser = guild.admin): Promise<FinalResponse> {
  clock.advance(5_000);
  const handle = await bot.double.interact(
    bot.double.slash({
      name: 'roadmap',
      subcommand: 'import',
      options: {
        file: { attachment: bot.double.hostAttachment('web.md', 'text/markdown', markdown) },
        replace: true,
      },
      user,
      channelId: guild.channelId,
    }),
  );
  // The parse runs in a worker thread, which is slow to start on a busy machine.
  return handle.final({ timeoutMs: 15_000 });
}

function click(shown: FinalResponse, action: 'apply' | 'cancel', as?: APIUser): APIInteraction {
  const customId = customIdsOf(shown.components).find((id) => id.startsWith(`roadmap:import-${action}:`));
  if (!customId) throw new Error(`no ${action} button`);
  const payload = bot.double.button({ customId, message: shown.message }) as APIMessageComponentInteraction;
  // Only the importer sees the ephemeral preview; a click by anyone else is a forged one.
  if (as) payload.member = { ...payload.member!, user: as };
  return payload as APIInteraction;
}

async function send(click: APIInteraction): Promise<FinalResponse> {
  return (await bot.double.interact(click)).final({ timeoutMs: 15_000 });
}

async function press(shown: FinalResponse, action: 'apply' | 'cancel', as?: APIUser): Promise<FinalResponse> {
  return send(click(shown, action, as));
}

/** The roadmap as members see it, with the member's progress: what a refusal must leave alone. */
async function snapshot() {
  const statuses = await findMemberStatuses(bot.ctx.db, guild.member.id, roadmapId);
  return {
    version: (await findRoadmapById(bot.ctx.db, guild.id, roadmapId))?.version,
    items: (await listActiveItems(bot.ctx.db, roadmapId)).map((item) => [
      item.id,
      item.label,
      item.phase_title,
      statuses.get(item.id) ?? 'todo',
    ]),
  };
}

describe('/roadmap import replace:True shows a dry run first', () => {
  it('GIVEN an edited file THEN the preview lists every change and changes nothing; Apply reports the same numbers and keeps everyone’s progress', async () => {
    const before = await snapshot();
    const shown = await importFile(EDITED);
    expect(shown.ephemeral).toBe(true);
    expect(shown.content).toContain(
      '**Dry run** of importing `web.md` over **web**; nothing has changed yet:',
    );
    const counts = [
      '1 item added',
      '1 item removed (members have progress on 1 of them)',
      '1 item renamed',
      '1 item moved',
      '1 phase renamed',
      '3 items and 1 phase unchanged',
    ];
    expect(shown.content).toContain(counts.map((line) => `- ${line}`).join('\n'));
    expect(shown.content).toContain('**Phases renamed**\n- Phase 1: Basics → Phase 1: Foundations');
    expect(shown.content).toContain('**Items added**\n- Deploy with Docker (Phase 2: Backend)');
    expect(shown.content).toContain(
      '**Items removed**\n- Write integration tests (Phase 2: Backend) — 1 member with progress on it',
    );
    expect(shown.content).toContain(
      '**Items renamed**\n- Learn CSS flexbox layouts → Learn CSS flexbox layout (Phase 1: Foundations)',
    );
    expect(shown.content).toContain(
      '**Items moved**\n- Learn the DOM: Phase 1: Foundations → Phase 2: Backend',
    );
    expect(shown.attachments).toEqual([]);
    expect(shown.components[0]).toMatchObject({ components: [{ label: 'Apply' }, { label: 'Cancel' }] });
    expect(await snapshot()).toEqual(before);

    const cancelClick = click(shown, 'cancel');
    // A double click: both presses reach the bot before the buttons go away, and it applies once.
    const presses = await Promise.all([send(click(shown, 'apply')), send(click(shown, 'apply'))]);
    const [applied, again] = [...presses].sort(
      (a, b) => Number(b.content.startsWith('Updated')) - Number(a.content.startsWith('Updated')),
    );
    if (!applied || !again) throw new Error('two answers expected');
    expect(applied.content).toMatch(
      /^Updated \*\*web\*\*: 1 item added, 1 item removed, 1 item renamed, 1 item moved, 1 phase renamed, 3 items and 1 phase unchanged \(6 items now\)\./,
    );
    expect(applied.components).toEqual([]);
    const after = await snapshot();
    expect(after.version).toBe((before.version ?? 0) + 1);
    const progress = (label: string) => after.items.find((item) => item[1] === label);
    const id = (label: string) => before.items.find((item) => item[1] === label)?.[0];
    expect(progress('Learn HTML')).toEqual([id('Learn HTML'), 'Learn HTML', 'Phase 1: Foundations', 'done']);
    expect(progress('Learn CSS flexbox layout')).toEqual([
      id('Learn CSS flexbox layouts'),
      'Learn CSS flexbox layout',
      'Phase 1: Foundations',
      'done',
    ]);
    expect(progress('Learn the DOM')).toEqual([
      id('Learn the DOM'),
      'Learn the DOM',
      'Phase 2: Backend',
      'learning',
    ]);
    expect(progress('Deploy with Docker')?.[3]).toBe('todo');
    expect(again.ephemeral).toBe(true);
    expect(again.content).toMatch(/already applied or cancelled/);
    const lateCancel = await send(cancelClick);
    expect(lateCancel.content).toMatch(/already applied or cancelled/);
  });

  it('GIVEN the preview cancelled THEN nothing changes, the version included, and an Apply already on its way is refused', async () => {
    const before = await snapshot();
    const shown = await importFile(EDITED);
    const late = click(shown, 'apply');
    const cancelled = await press(shown, 'cancel');
    expect(cancelled.content).toBe('Cancelled. Nothing was changed.');
    expect(cancelled.components).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect((await send(late)).content).toMatch(/already applied or cancelled/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN Apply pressed by someone else THEN it is refused and nothing changes', async () => {
    const before = await snapshot();
    const shown = await importFile(EDITED);
    const refused = await press(shown, 'apply', guild.member);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/belong to someone else/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN the preview older than five minutes THEN Apply is refused and nothing changes', async () => {
    const before = await snapshot();
    const shown = await importFile(EDITED);
    clock.advance(5 * 60_000 + 1_000);
    const refused = await press(shown, 'apply');
    expect(refused.content).toMatch(/expired and nothing was changed/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN the roadmap changed between the preview and Apply THEN Apply is refused', async () => {
    const stale = await importFile(EDITED);
    const other = await importFile(`${WEB_ROADMAP}- [ ] Something new\n`);
    await press(other, 'apply');
    const before = await snapshot();
    const refused = await press(stale, 'apply');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^The roadmap changed since this preview; run the import again/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN more changes than a message holds THEN the counts and first lines are shown and the whole list is attached', async () => {
    const many = Array.from({ length: 200 }, (_, n) => `- [ ] A brand new item number ${n}`);
    const shown = await importFile(`${WEB_ROADMAP}\n## Phase 3: More\n${many.join('\n')}\n`);
    expect(shown.content.length).toBeLessThanOrEqual(2_000);
    expect(shown.content).toContain('- 200 items added\n- 1 phase added');
    expect(shown.content).toContain('attached as `import-preview.md`');
    const [file] = shown.attachments;
    expect(file?.filename).toBe('import-preview.md');
    const list = file?.data.toString('utf8') ?? '';
    expect(list).toContain('- A brand new item number 0 (Phase 3: More)');
    expect(list).toContain('- A brand new item number 199 (Phase 3: More)');

    const applied = await press(shown, 'apply');
    expect(applied.content).toMatch(/^Updated \*\*web\*\*: 200 items added, 1 phase added/);
    expect(applied.attachments).toEqual([]);
  });
});

describe('a re-import of a roadmap with topics', () => {
  const TOPICS = `# Frontend

## Basics

- ### HTML
  - [ ] Forms and inputs
  - [ ] Tables and captions
- ### CSS
  - [ ] Grid
`;
  /** The phase renamed, "Forms and inputs" moved to the CSS topic, "Tables and captions" edited. */
  const TOPICS_EDITED = `# Frontend

## Foundations

- ### HTML
  - [ ] Tables and caption
- ### CSS
  - [ ] Grid
  - [ ] Forms and inputs
`;

  it('GIVEN an item moved between topics, a phase renamed and a label edited THEN the preview names the topics and Apply keeps everyone’s progress', async () => {
    const seeded = await seedRoadmap(bot.ctx.db, {
      guildId: guild.id,
      createdBy: guild.admin.id,
      now: clock.now(),
      markdown: TOPICS,
      name: 'frontend',
    });
    const member = { guildId: guild.id, userId: guild.member.id };
    await setItemStatusDirectly(
      bot.ctx.db,
      member,
      seeded.items.get('Forms and inputs')!,
      'done',
      clock.now(),
    );
    await setItemStatusDirectly(
      bot.ctx.db,
      member,
      seeded.items.get('Tables and captions')!,
      'learning',
      clock.now(),
    );

    clock.advance(5_000);
    const shown = await (
      await bot.double.interact(
        bot.double.slash({
          name: 'roadmap',
          subcommand: 'import',
          options: {
            file: { attachment: bot.double.hostAttachment('frontend.md', 'text/markdown', TOPICS_EDITED) },
            name: 'frontend',
            replace: true,
          },
          user: guild.admin,
          channelId: guild.channelId,
        }),
      )
    ).final({ timeoutMs: 15_000 });
    expect(shown.content).toContain('**Phases renamed**\n- Basics → Foundations');
    expect(shown.content).toContain(
      '**Items moved**\n- Forms and inputs: Foundations · HTML → Foundations · CSS',
    );
    expect(shown.content).toContain(
      '**Items renamed**\n- Tables and captions → Tables and caption (Foundations · HTML)',
    );

    const applied = await press(shown, 'apply');
    expect(applied.content).toMatch(
      /^Updated \*\*frontend\*\*: .*1 item renamed, 1 item moved, 1 phase renamed/,
    );
    const statuses = await findMemberStatuses(bot.ctx.db, guild.member.id, seeded.roadmapId);
    const items = await listActiveItems(bot.ctx.db, seeded.roadmapId);
    const now = (label: string) => {
      const item = items.find((entry) => entry.label === label);
      return item && [item.id, item.phase_title, item.topic, statuses.get(item.id) ?? 'todo'];
    };
    expect(now('Forms and inputs')).toEqual([
      seeded.items.get('Forms and inputs'),
      'Foundations',
      'CSS',
      'done',
    ]);
    expect(now('Tables and caption')).toEqual([
      seeded.items.get('Tables and captions'),
      'Foundations',
      'HTML',
      'learning',
    ]);
  });
});
