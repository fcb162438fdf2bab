import type { OptionInput } from '@waymark/discord-double';
import { afterEach, describe, expect, it } from 'vitest';
import { SHARING_RATE_LIMIT } from '../../commands/options/rate-limits.js';
import { DEFAULT_RATE_LIMIT } from '../../src/discord/router.js';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { tallyCommand } from './test-commands.js';

const START = new Date('2026-11-26T12:00:00.000Z');

describe('per-member rate limits (8 uses per 20 s on every command)', () => {
  const clock = fixedClock(START);
  const bot = useTestBot({ clock, commands: [tallyCommand] });

  async function tally(userId: string) {
    return (await bot.double.interact(bot.double.slash({ name: 'tally', user: userId }))).final();
  }

  async function rowsOf(userId: string): Promise<number> {
    const rows = await bot.ctx.db
      .selectFrom('view_states')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    return rows.length;
  }

  it('GIVEN 8 uses within 20 s THEN the 9th gets a friendly private cooldown with a Discord timestamp and changes nothing; another member is unaffected; after the window it works again', async () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ uses: 8, windowMs: 20_000 });
    const { member, admin } = bot.double.users;
    for (let use = 1; use <= 8; use += 1) {
      expect((await tally(member.id)).content).toBe('Counted.');
      clock.advance(1_000);
    }
    expect(await rowsOf(member.id)).toBe(8);

    const refused = await tally(member.id);
    const retryAt = Math.floor((START.getTime() + 20_000) / 1000);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(`Easy there — you can use /tally again <t:${retryAt}:R>.`);
    expect(refused.allowedMentions?.parse).toEqual([]);
    expect(await rowsOf(member.id)).toBe(8);

    expect((await tally(admin.id)).content).toBe('Counted.');
    expect(await rowsOf(admin.id)).toBe(1);

    // The window slides: the first use leaves it 20 s after it was made.
    clock.set(new Date(START.getTime() + 20_000));
    expect((await tally(member.id)).content).toBe('Counted.');
    expect(await rowsOf(member.id)).toBe(9);
  });
});

describe('rate limits on modal submits (the router counts them like commands)', () => {
  const bot = useTestBot({ clock: fixedClock(START) });

  const learningsOf = async (userId: string) =>
    (await bot.ctx.db.selectFrom('learnings').select('id').where('user_id', '=', userId).execute()).length;

  it('GIVEN a member who used up /learned by opening its form THEN the next form submitted gets the cooldown and nothing is posted or stored', async () => {
    expect(SHARING_RATE_LIMIT).toEqual({ uses: 10, windowMs: 300_000 });
    const { member } = bot.double.users;
    let customId = '';
    for (let opened = 1; opened <= 9; opened += 1) {
      customId = (await (await bot.double.interact(bot.double.slash({ name: 'learned' }))).modal()).custom_id;
    }
    const submit = () =>
      bot.double.interact(
        bot.double.modalSubmit({ customId, fields: { text: 'Closures capture variables' } }),
      );

    const posted = await (await submit()).final();
    expect(posted.ephemeral).toBe(false);
    expect(await learningsOf(member.id)).toBe(1);

    const messagesBefore = bot.double.messagesIn(bot.double.channels.general.id).length;
    const refused = await (await submit()).final();
    const retryAt = Math.floor((START.getTime() + SHARING_RATE_LIMIT.windowMs) / 1000);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(`Easy there — you can use /learned again <t:${retryAt}:R>.`);
    expect(await learningsOf(member.id)).toBe(1);
    expect(bot.double.messagesIn(bot.double.channels.general.id)).toHaveLength(messagesBefore);
  });
});

describe('rate limits that fit the work (per subcommand where it differs)', () => {
  const clock = fixedClock(START);
  const bot = useTestBot({ clock });
  afterEach(() => {
    clock.advance(10 * 60_000);
  });

  async function asAdmin(name: string, subcommand: string, options: Record<string, OptionInput> = {}) {
    clock.advance(1_000);
    return (
      await bot.double.interact(
        bot.double.slash({ name, subcommand, options, user: bot.double.users.admin.id }),
      )
    ).final({ timeoutMs: 15_000 });
  }

  const roadmapFile = (round: number) => ({
    attachment: bot.double.hostAttachment(
      'web.md',
      'text/markdown; charset=utf-8',
      `# Web\n\n## Basics\n\n- [ ] HTML\n- [ ] CSS\n- [ ] Round ${round}\n`,
    ),
  });

  it('GIVEN an admin setting up the server THEN 12 setup steps within 20 s all pass', async () => {
    const steps = [
      () => asAdmin('roadmap', 'template', { name: 'python-developer' }),
      () => asAdmin('roadmap', 'import', { file: roadmapFile(1) }),
      () => asAdmin('roadmap', 'import', { file: roadmapFile(2), replace: true }),
      () => asAdmin('roadmap', 'import', { file: roadmapFile(3), replace: true }),
      () => asAdmin('roadmap', 'import', { file: roadmapFile(4), replace: true }),
      () => asAdmin('roadmap', 'import', { file: roadmapFile(5), replace: true }),
      () => asAdmin('roadmap', 'template', { name: 'python-developer' }),
      () => asAdmin('roadmap', 'list'),
      () => asAdmin('roadmap', 'view'),
      () =>
        asAdmin('digest', 'setup', {
          channel: { channel: bot.double.channels.general.id },
          day: 'monday',
          hour: 9,
        }),
      () => asAdmin('digest', 'preview'),
      () => asAdmin('digest', 'status'),
    ];
    for (const step of steps) {
      const reply = await step();
      expect(reply.content ?? '').not.toMatch(/^Easy there/);
    }
    expect(clock.now().getTime() - START.getTime()).toBeLessThanOrEqual(20_000);
    const roadmaps = await bot.ctx.db.selectFrom('roadmaps').select('name').orderBy('name').execute();
    expect(roadmaps.map((roadmap) => roadmap.name)).toHaveLength(2);
  });

  it('GIVEN a member ticking off a phase THEN 20 quick /check pass, and a runaway script is refused at the 31st within a minute, changing nothing', async () => {
    const items = (
      await (await bot.double.interact(bot.double.autocomplete({ name: 'check', focused: 'item' }))).choices()
    ).map((choice) => String(choice.value));
    expect(items.length).toBeGreaterThanOrEqual(20);
    const started = clock.now().getTime();
    const check = async (item: string, status = 'done') => {
      clock.advance(500);
      return (
        await bot.double.interact(bot.double.slash({ name: 'check', options: { item, status } }))
      ).final();
    };
    for (const item of items.slice(0, 20)) {
      expect((await check(item)).content).not.toMatch(/^Easy there/);
    }
    for (let use = 21; use <= 30; use += 1) {
      expect((await check(items[0]!, use % 2 === 0 ? 'learning' : 'done')).content).not.toMatch(
        /^Easy there/,
      );
    }
    const statusesBefore = await bot.ctx.db.selectFrom('member_progress').selectAll().execute();
    const refused = await check(items[1]!, 'skipped');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(
      `Easy there — you can use /check again <t:${Math.floor((started + 500 + 60_000) / 1000)}:R>.`,
    );
    expect(await bot.ctx.db.selectFrom('member_progress').selectAll().execute()).toEqual(statusesBefore);
  });
});
