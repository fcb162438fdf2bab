import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import { type SeededRoadmap, seedRoadmap } from '../support/roadmap.js';

/**
 * The streak line of a /check reply: taken from the change that just placed it, or read when
 * nothing changed, and in the server's time zone either way.
 */
describe('/check shows the weekly streak', () => {
  // Wednesday 25 November 2026.
  const clock = fixedClock('2026-11-25T10:00:00Z');
  let roadmap: SeededRoadmap;
  const bot = useTestBot({ clock }, async () => {
    roadmap = await seedRoadmap(bot.ctx.db, {
      guildId: bot.double.guild.id,
      createdBy: bot.double.users.admin.id,
      phases: { Foundations: ['Variables', 'Control flow', 'Functions', 'Modules'] },
      now: clock.now(),
    });
  });

  const check = async (label: string) => {
    const item = roadmap.items.get(label);
    if (item === undefined) throw new Error(`no item ${label}`);
    clock.advance(60_000);
    const reply = await slashReply(bot.double, {
      name: 'check',
      user: bot.double.users.member.id,
      options: { item: String(item) },
    });
    return reply.content ?? '';
  };

  it('GIVEN changes in consecutive weeks, a repeat, and a server zone THEN each reply shows the streak as of now', async () => {
    expect(await check('Variables')).toContain('Weekly streak: 🔥 1 week · longest 1 week');
    // Nothing changes, so the streak is read rather than taken from a change.
    const repeat = await check('Variables');
    expect(repeat).toContain('nothing changed');
    expect(repeat).toContain('Weekly streak: 🔥 1 week · longest 1 week');

    clock.set('2026-12-01T10:00:00Z');
    expect(await check('Control flow')).toContain('Weekly streak: 🔥 2 weeks · longest 2 weeks');

    // Sunday 16:00 UTC is Monday 01:00 in Tokyo: in the server's zone this is a third week.
    await bot.ctx.db
      .insertInto('guild_settings')
      .values({
        guild_id: bot.double.guild.id,
        timezone: 'Asia/Tokyo',
        updated_at: clock.now().toISOString(),
      })
      .execute();
    clock.set('2026-12-06T16:00:00Z');
    expect(await check('Functions')).toContain('Weekly streak: 🔥 3 weeks · longest 3 weeks');
    expect(await check('Functions')).toContain('Weekly streak: 🔥 3 weeks · longest 3 weeks');
  });
});
