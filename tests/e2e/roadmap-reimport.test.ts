import type { OptionInput } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { findFollowedRoadmap, listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { fixedClock } from '../../src/shared/clock.js';
import { WEB_ROADMAP } from '../roadmaps/support/web-roadmap.js';
import { addTestGuild, useTestBot } from '../support/bot.js';
import { customIdsOf } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';

// The clock stands still during imports, so nothing here can rely on timestamps to tell an
// edited roadmap from the one autocomplete indexed.
const clock = fixedClock('2026-11-26T10:00:00.000Z');
const bot = useTestBot({ clock });

describe('a re-import is seen at once by autocomplete and /check', () => {
  it('GIVEN autocomplete has indexed a roadmap WHEN it is re-imported THEN the next keystroke and /check see the new items and not the removed ones', async () => {
    const guild = addTestGuild(bot.double);
    const interact = (payload: Parameters<typeof bot.double.slash>[0] & { user: typeof guild.admin }) => {
      clock.advance(5_000);
      return bot.double.interact(bot.double.slash({ ...payload, channelId: guild.channelId }));
    };
    // The parse runs in a worker thread, which is slow to start on a busy machine.
    const importFile = async (markdown: string, options: Record<string, OptionInput> = {}) =>
      (
        await interact({
          name: 'roadmap',
          subcommand: 'import',
          options: {
            file: { attachment: bot.double.hostAttachment('web.md', 'text/markdown', markdown) },
            ...options,
          },
          user: guild.admin,
        })
      ).final({ timeoutMs: 15_000 });
    const suggest = async (typed: string) => {
      const handle = await bot.double.interact(
        bot.double.autocomplete({
          name: 'check',
          focused: 'item',
          options: { item: typed },
          user: guild.member,
          channelId: guild.channelId,
        }),
      );
      return (await handle.choices()).map((choice) => choice.name);
    };
    const check = async (item: string) =>
      (await interact({ name: 'check', options: { item }, user: guild.member })).final();

    await seedRoadmap(bot.ctx.db, {
      guildId: guild.id,
      createdBy: guild.admin.id,
      now: clock.now(),
      markdown: WEB_ROADMAP,
      name: 'web',
    });
    expect(await suggest('flexbox')).toEqual([expect.stringMatching(/Learn CSS flexbox layouts/)]);
    const roadmap = await findFollowedRoadmap(bot.ctx.db, guild.id, guild.member.id);
    const removed = (await listActiveItems(bot.ctx.db, roadmap!.id)).find(
      (item) => item.label === 'Write integration tests',
    );
    expect(await suggest('integration')).toHaveLength(1);

    const edited = WEB_ROADMAP.replace('Learn CSS flexbox layouts', 'Learn CSS grid layouts').replace(
      '- [ ] Write integration tests\n',
      '',
    );
    const preview = await importFile(edited, { replace: true });
    const apply = customIdsOf(preview.components).find((id) => id.startsWith('roadmap:import-apply:'));
    const applied = await bot.double.interact(
      bot.double.button({ customId: apply ?? '', message: preview.message, user: guild.admin }),
    );
    expect((await applied.final({ timeoutMs: 15_000 })).content).toMatch(/^Updated/);

    expect(await suggest('flexbox')).toEqual([]);
    expect(await suggest('grid')).toEqual([expect.stringMatching(/Learn CSS grid layouts/)]);
    expect(await suggest('integration')).toEqual([]);
    expect((await check('grid layouts')).content).toMatch(/Learn CSS grid layouts\*\* — done/);
    const refused = await check(String(removed!.id));
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^No single item in \*\*web\*\* matches/);
    expect((await check('integration tests')).content).toMatch(/^No single item/);
  });
});
