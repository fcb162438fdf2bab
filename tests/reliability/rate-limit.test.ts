import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from '../../src/discord/router.js';
import { fixedClock } from '../../src/shared/clock.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { tallyCommand } from './test-commands.js';

const START = new Date('2026-11-26T12:00:00.000Z');

describe('per-member rate limits (8 uses per 20 s on every command)', () => {
  const clock = fixedClock(START);
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ clock, commands: [tallyCommand] });
  });
  afterAll(async () => {
    await bot.stop();
  });
  afterEach(() => {
    bot.double.assertNoUnhandledRequests();
  });

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
