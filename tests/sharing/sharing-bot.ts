import { afterEach } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, startTestBot, type TestBot, useTestBot } from '../support/bot.js';
import { seedRoadmapItem } from './seed.js';

export interface SharingBot extends TestBot {
  clock: ReturnType<typeof fixedClock>;
  itemId: number;
  /** A second plain member, besides the double's seeded `member` and `admin`. */
  otherId: string;
}

/** The real bot against the double, with a default roadmap of one item in the double's guild. */
export async function startSharingBot(): Promise<SharingBot> {
  const clock = fixedClock('2026-11-26T10:00:00.000Z');
  const bot = await startTestBot({ clock });
  const { itemId } = await seedRoadmapItem(bot.ctx.db, bot.double.guild.id);
  const other = addTestMember(bot.double, { username: 'other' });
  return { ...bot, clock, itemId, otherId: other.id };
}

/** Past every sharing cooldown, so one test's posts never slow down the next. */
export const COOLDOWN_MS = 10 * 60_000;

/** A sharing bot for the enclosing `describe` (see useTestBot) whose clock passes every cooldown after each test. */
export function useSharingBot(seed?: (bot: SharingBot) => Promise<void>): SharingBot {
  const bot = useTestBot(startSharingBot, seed);
  afterEach(() => {
    bot.clock.advance(COOLDOWN_MS);
  });
  return bot;
}
