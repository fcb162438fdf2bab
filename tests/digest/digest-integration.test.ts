import type { OptionInput } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';

describe('the digest reads what the roadmap commands write', () => {
  const clock = fixedClock('2026-12-02T11:00:00.000Z');
  const bot = useTestBot({ clock });

  function run(
    name: string,
    subcommand: string | undefined,
    options: Record<string, OptionInput>,
    admin: boolean,
  ) {
    return slashReply(bot.double, {
      name,
      ...(subcommand ? { subcommand } : {}),
      user: admin ? bot.double.users.admin : bot.double.users.member,
      options,
    });
  }

  it('GIVEN a member checks an item of the installed template THEN the preview counts it, with the phase and its percent', async () => {
    await run('roadmap', 'template', { name: 'python-developer' }, true);
    const item = await bot.ctx.db
      .selectFrom('roadmap_items')
      .innerJoin('roadmap_phases', 'roadmap_phases.id', 'roadmap_items.phase_id')
      .select(['roadmap_items.id', 'roadmap_phases.title'])
      .where('roadmap_items.active', '=', 1)
      .orderBy('roadmap_items.position')
      .executeTakeFirstOrThrow();
    clock.advance(60_000);
    await run('check', undefined, { item: String(item.id) }, false);
    clock.advance(60_000);

    const preview = await run('digest', 'preview', {}, true);
    const description = preview.embeds[0]?.description ?? '';
    expect(description).toContain('✅ **1** item completed (+1)');
    const line = description.split('\n').find((candidate) => candidate.startsWith('**member** — '));
    expect(line).toMatch(/^\*\*member\*\* — 1 item done \(.+ \d+%\)$/);
    expect(line).toContain(item.title.split(' ')[0]);
  });
});
