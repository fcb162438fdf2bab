import type { OptionInput } from '@waymark/discord-double';
import type { APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { markMissedGoalsJob } from '../../src/goals/missed-goals-job.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { autocompleteChoices, slashReply } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';

describe('/goal through the Discord double', () => {
  // Wednesday 25 November 2026; the guild has no zone of its own, so weeks follow UTC.
  const clock = fixedClock('2026-11-25T10:00:00Z');
  let member: APIUser;
  let peer: APIUser;

  const bot = useTestBot({ clock }, async () => {
    member = bot.double.users.member;
    peer = addTestMember(bot.double, { username: 'peer' });
    await seedRoadmap(bot.ctx.db, {
      guildId: bot.double.guild.id,
      createdBy: bot.double.users.admin.id,
      phases: { Foundations: ['Variables and types', 'Control flow'], 'Going further': ['Decorators'] },
      now: clock.now(),
    });
  });
  beforeEach(async () => {
    // Every test starts a minute later, so the per-member rate limit never carries over.
    clock.advance(60_000);
    await bot.ctx.db.deleteFrom('goals').execute();
    await bot.ctx.db.deleteFrom('member_settings').execute();
  });

  const goal = (subcommand: string, user: string, options: Record<string, OptionInput> = {}) =>
    slashReply(bot.double, { name: 'goal', subcommand, user, options });
  const goalChoices = (user: string, typed = '') =>
    autocompleteChoices(bot.double, {
      name: 'goal',
      subcommand: 'done',
      user,
      focused: 'goal',
      options: { goal: typed },
    });

  it('GIVEN a goal tied to a roadmap item picked by autocomplete THEN it is set for this week, privately', async () => {
    const items = await autocompleteChoices(bot.double, {
      name: 'goal',
      subcommand: 'set',
      user: member.id,
      focused: 'item',
      options: { text: 'x', item: 'decor' },
    });
    expect(items[0]?.name).toContain('Decorators');
    const reply = await goal('set', member.id, { text: 'Write my first decorator', item: items[0]!.value });
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.description).toBe('⬜ Write my first decorator · _Decorators_');
    expect(reply.embeds[0]?.footer?.text).toContain('1/3 open goals');
    expect(reply.embeds[0]?.fields?.[0]?.value).toContain(
      `<t:${Date.parse('2026-11-30T00:00:00Z') / 1000}:f>`,
    );
  });

  it('GIVEN three open goals THEN a fourth is refused', async () => {
    for (const text of ['one', 'two', 'three']) await goal('set', member.id, { text });
    const reply = await goal('set', member.id, { text: 'four' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/already have 3 open goals/);
  });

  it('GIVEN a goal of only zero-width characters THEN it is refused privately and nothing is stored', async () => {
    const reply = await goal('set', member.id, { text: '\u200b\u2060\u200b' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/only invisible characters/);
    expect(await bot.ctx.db.selectFrom('goals').selectAll().execute()).toEqual([]);
  });

  it('GIVEN an item that is not on the roadmap THEN the goal is refused', async () => {
    const reply = await goal('set', member.id, { text: 'Learn Rust', item: 'borrow checker internals' });
    expect(reply.content).toMatch(/No single item/);
    expect(await bot.ctx.db.selectFrom('goals').selectAll().execute()).toEqual([]);
  });

  it('GIVEN open goals THEN done offers only the member’s own, and marks the chosen one done', async () => {
    await goal('set', member.id, { text: 'Read chapter 3' });
    await goal('set', member.id, { text: 'Solve 5 katas' });
    await goal('set', peer.id, { text: 'Peer goal' });
    const choices = await goalChoices(member.id, 'kata');
    expect(choices.map((choice) => choice.name)).toEqual(['Solve 5 katas']);
    const reply = await goal('done', member.id, { goal: choices[0]!.value });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('✅ Done: Solve 5 katas\nThis week: 1/2 done.');
    expect((await goalChoices(member.id)).map((choice) => choice.name)).toEqual(['Read chapter 3']);
  });

  it('GIVEN someone else’s goal, a done goal or a typed word THEN done is refused', async () => {
    await goal('set', peer.id, { text: 'Peer goal' });
    const [peerGoal] = await goalChoices(peer.id);
    expect((await goal('done', member.id, { goal: peerGoal!.value })).content).toMatch(
      /not one of your goals/,
    );
    await goal('done', peer.id, { goal: peerGoal!.value });
    expect((await goal('done', peer.id, { goal: peerGoal!.value })).content).toMatch(/already done/);
    expect((await goal('done', member.id, { goal: 'katas' })).content).toMatch(/Pick one of your goals/);
  });

  it('GIVEN a member’s goals THEN others can list them unless the member’s profile is private', async () => {
    await goal('set', peer.id, { text: 'Ship the CLI' });
    const visible = await goal('list', member.id, { member: { user: peer.id } });
    expect(visible.embeds[0]?.description).toContain('⬜ Ship the CLI');
    expect(visible.embeds[0]?.description).toContain('0/1 done');
    await (
      await bot.double.interact(
        bot.double.slash({ name: 'settings', user: peer.id, options: { 'public-profile': false } }),
      )
    ).final();
    const refused = await goal('list', member.id, { member: { user: peer.id } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/keeps their profile private/);
    const own = await goal('list', peer.id);
    expect(own.embeds[0]?.description).toContain('Ship the CLI');
  });

  // Last: it moves the clock into the next week.
  it('GIVEN the week ended THEN open goals are marked missed by the hourly job and the new week starts empty', async () => {
    await goal('set', member.id, { text: 'Will not happen' });
    const [open] = await goalChoices(member.id);
    clock.set('2026-11-30T00:30:00Z');
    expect(await goalChoices(member.id)).toEqual([]);
    expect((await goal('done', member.id, { goal: open!.value })).content).toMatch(/is over/);
    await markMissedGoalsJob.run(bot.ctx);
    const stored = await bot.ctx.db.selectFrom('goals').select('status').execute();
    expect(stored).toEqual([{ status: 'missed' }]);
    const list = await goal('list', member.id);
    expect(list.embeds[0]?.description).toContain('No goals yet');
  });
});
