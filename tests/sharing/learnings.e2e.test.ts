import { describe, expect, it } from 'vitest';
import { createLearning } from '../../src/sharing/learnings-queries.js';
import { customIdsOf } from '../support/interact.js';
import { useSharingBot } from './sharing-bot.js';

describe('/learnings', () => {
  const bot = useSharingBot(async (bot) => {
    const guildId = bot.double.guild.id;
    const authors = [bot.double.users.member.id, bot.otherId];
    for (let index = 0; index < 10; index++) {
      await createLearning(
        bot.ctx.db,
        {
          guild_id: guildId,
          user_id: authors[index % 2]!,
          text: index % 3 === 0 ? `Decorators wrap functions (${index})` : `Generators are lazy (${index})`,
          tags: index === 9 ? 'python' : '',
          item_id: index < 2 ? bot.itemId : null,
          link: null,
          channel_id: null,
          message_id: null,
          thread_id: null,
          created_at: new Date(Date.UTC(2026, 10, 20, 10, index)).toISOString(),
        },
        null,
        'UTC',
      );
    }
  });

  it('GIVEN ten learnings THEN the member privately sees the newest four, and can turn to the next page', async () => {
    const reply = await (await bot.double.interact(bot.double.slash({ name: 'learnings' }))).final();
    expect(reply.ephemeral).toBe(true);
    const description = reply.embeds[0]?.description ?? '';
    expect(description.indexOf('(9)')).toBeLessThan(description.indexOf('(8)'));
    expect(description).toContain('(6)');
    expect(description).not.toContain('(5)');
    expect(reply.embeds[0]?.footer?.text).toBe('10 learnings · newest first');
    const next = customIdsOf(reply.components).find((id) => id.endsWith(':next'))!;

    const page = await (
      await bot.double.interact(bot.double.button({ customId: next, message: reply.message }))
    ).final();
    expect(page.embeds[0]?.description).toContain('(5)');
    expect(page.embeds[0]?.description).not.toContain('(6)');
  });

  it('GIVEN a search, a member and an item THEN only matching learnings are listed', async () => {
    const search = await (
      await bot.double.interact(bot.double.slash({ name: 'learnings', options: { search: 'decorator' } }))
    ).final();
    expect(search.embeds[0]?.footer?.text).toBe('4 learnings · newest first');
    expect(search.embeds[0]?.description).toMatch(/^Learnings matching “decorator”/);

    const byTag = await (
      await bot.double.interact(bot.double.slash({ name: 'learnings', options: { search: 'python' } }))
    ).final();
    expect(byTag.embeds[0]?.footer?.text).toBe('1 learning · newest first');

    const byMember = await (
      await bot.double.interact(
        bot.double.slash({ name: 'learnings', options: { member: { user: bot.otherId }, search: 'lazy' } }),
      )
    ).final();
    expect(byMember.embeds[0]?.footer?.text).toBe('3 learnings · newest first');
    expect(byMember.embeds[0]?.description).toContain(`by <@${bot.otherId}>`);

    const byItem = await (
      await bot.double.interact(
        bot.double.slash({ name: 'learnings', options: { item: String(bot.itemId) } }),
      )
    ).final();
    expect(byItem.embeds[0]?.footer?.text).toBe('2 learnings · newest first');
    expect(byItem.embeds[0]?.description).toContain('📍 List comprehensions');
  });

  it('GIVEN a search with no match THEN the list says so', async () => {
    const reply = await (
      await bot.double.interact(bot.double.slash({ name: 'learnings', options: { search: 'kubernetes' } }))
    ).final();
    expect(reply.embeds[0]?.description).toContain('No learnings match.');
    expect(reply.components).toEqual([]);
  });

  it('GIVEN a search without any word THEN it is refused privately', async () => {
    const reply = await (
      await bot.double.interact(bot.double.slash({ name: 'learnings', options: { search: '*** "' } }))
    ).final();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('Search for at least one word (letters or digits).');
  });

  it('GIVEN the item option being typed THEN the followed roadmap’s items are suggested', async () => {
    const choices = await (
      await bot.double.interact(
        bot.double.autocomplete({ name: 'learnings', focused: 'item', options: { item: 'compre' } }),
      )
    ).choices();
    expect(choices.map((choice) => choice.value)).toEqual([String(bot.itemId)]);
  });
});
