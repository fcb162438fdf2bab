import { describe, expect, it } from 'vitest';
import { autocompleteChoices, customIdsOf, slashReply } from '../support/interact.js';
import { useSharingBot } from './sharing-bot.js';

describe('/resources', () => {
  const bot = useSharingBot();

  const resources = () => bot.ctx.db.selectFrom('resources').selectAll().orderBy('id').execute();

  const add = (options: Record<string, string>, user?: string) =>
    slashReply(bot.double, { name: 'resources', subcommand: 'add', options, ...(user ? { user } : {}) });

  const removeChoices = (user: string, typed = '') =>
    autocompleteChoices(bot.double, {
      name: 'resources',
      subcommand: 'remove',
      focused: 'resource',
      options: { resource: typed },
      user,
    });

  const remove = (resourceId: number, user: string) =>
    slashReply(bot.double, {
      name: 'resources',
      subcommand: 'remove',
      options: { resource: String(resourceId) },
      user,
    });

  it('GIVEN a new link THEN it is stored normalized, recorded as activity, and confirmed privately', async () => {
    const reply = await add({
      url: 'HTTPS://Docs.Python.org/3/tutorial/?utm_source=reddit#intro',
      title: 'The Python tutorial',
      category: 'documentation',
      item: String(bot.itemId),
      note: 'Start here',
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'Added [The Python tutorial](https://docs.python.org/3/tutorial) to 📖 Documentation. Thanks for sharing!',
    );
    expect(await resources()).toMatchObject([
      {
        url: 'https://docs.python.org/3/tutorial',
        title: 'The Python tutorial',
        category: 'documentation',
        item_id: bot.itemId,
        note: 'Start here',
        user_id: bot.double.users.member.id,
      },
    ]);
    const events = await bot.ctx.db
      .selectFrom('activity_events')
      .selectAll()
      .where('kind', '=', 'resource_added')
      .execute();
    expect(events).toMatchObject([{ link: 'https://docs.python.org/3/tutorial', item_id: bot.itemId }]);
  });

  it('GIVEN the same page with different tracking parameters THEN it is refused with a pointer to the existing entry', async () => {
    const reply = await add(
      {
        url: 'https://docs.python.org/3/tutorial?fbclid=abc&utm_medium=social',
        title: 'Tutorial again',
        category: 'course',
      },
      bot.otherId,
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      new RegExp(
        `^That link is already in the library: \\[The Python tutorial\\]\\(https://docs\\.python\\.org/3/tutorial\\) \\(documentation, added by <@${bot.double.users.member.id}> on <t:\\d+:D>\\)\\.`,
      ),
    );
    expect(await resources()).toHaveLength(1);
  });

  it.each([
    ['http instead of https, with a trailing slash', 'http://docs.python.org/3/tutorial/'],
    ['www. and a share parameter', 'https://www.docs.python.org/3/tutorial?si=XyZ&feature=share'],
  ])(
    'GIVEN the same page written another way (%s) THEN it is refused with a pointer to the existing entry',
    async (_, url) => {
      const before = await resources();
      const reply = await add({ url, title: 'Tutorial again', category: 'course' }, bot.otherId);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(
        /^That link is already in the library: \[The Python tutorial\]\(https:\/\/docs\.python\.org\/3\/tutorial\) /,
      );
      expect(await resources()).toEqual(before);
    },
  );

  it('GIVEN a YouTube video THEN its short link, Shorts and mobile links are the same resource, pointed at', async () => {
    const first = await add({
      url: 'https://youtu.be/rfscVS0vtbw?si=Q9bB1',
      title: 'Learn Python - Full Course',
      category: 'video',
    });
    expect(first.content).toBe(
      'Added [Learn Python - Full Course](https://www.youtube.com/watch?v=rfscVS0vtbw) to 🎬 Videos. Thanks for sharing!',
    );
    const before = await resources();
    for (const url of [
      'https://www.youtube.com/watch?v=rfscVS0vtbw&feature=share',
      'http://m.youtube.com/watch?v=rfscVS0vtbw',
      'https://youtube.com/shorts/rfscVS0vtbw',
    ]) {
      const reply = await add({ url, title: 'Python course', category: 'course' }, bot.otherId);
      expect(reply.content).toMatch(
        /^That link is already in the library: \[Learn Python - Full Course\]\(https:\/\/www\.youtube\.com\/watch\?v=rfscVS0vtbw\) /,
      );
    }
    expect(await resources()).toEqual(before);
    await bot.ctx.db.deleteFrom('resources').where('category', '=', 'video').execute();
  });

  it.each([
    [
      { url: 'javascript:alert(document.cookie)', title: 'x', category: 'other' },
      'Only http:// and https:// links are accepted.',
    ],
    [
      { url: 'ftp://example.com/file', title: 'x', category: 'other' },
      'Only http:// and https:// links are accepted.',
    ],
    [
      { url: `https://example.com/${'a'.repeat(600)}`, title: 'x', category: 'other' },
      'Links can be at most 512 characters long.',
    ],
    [{ url: 'https://example.com', title: '   ', category: 'other' }, 'The title cannot be empty.'],
    [
      { url: 'https://example.com', title: 'x', category: 'other', item: 'nothing like this' },
      'No single item',
    ],
  ])('GIVEN bad input %j THEN it is refused privately and nothing is stored', async (options, message) => {
    const before = (await resources()).length;
    const reply = await add(options);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
    expect(await resources()).toHaveLength(before);
  });

  it('GIVEN resources in several categories THEN the list groups them, shows who added each and for which item', async () => {
    await add({ url: 'https://fluentpython.com', title: 'Fluent Python', category: 'book' }, bot.otherId);
    await add({ url: 'https://exercism.org/tracks/python', title: 'Exercism', category: 'practice' });
    const reply = await (
      await bot.double.interact(bot.double.slash({ name: 'resources', subcommand: 'list' }))
    ).final();
    expect(reply.ephemeral).toBe(true);
    const description = reply.embeds[0]?.description ?? '';
    expect(description.split('\n')).toEqual([
      '**📚 Books**',
      `• [Fluent Python](https://fluentpython.com) · added by <@${bot.otherId}>`,
      '',
      '**📖 Documentation**',
      `• [The Python tutorial](https://docs.python.org/3/tutorial) · added by <@${bot.double.users.member.id}> · for 📍 List comprehensions`,
      '  Start here',
      '',
      '**🛠️ Hands-on practice**',
      `• [Exercism](https://exercism.org/tracks/python) · added by <@${bot.double.users.member.id}>`,
    ]);

    const filtered = await (
      await bot.double.interact(
        bot.double.slash({
          name: 'resources',
          subcommand: 'list',
          options: { category: 'book', search: 'fluent' },
        }),
      )
    ).final();
    expect(filtered.embeds[0]?.description).toContain('Fluent Python');
    expect(filtered.embeds[0]?.description).not.toContain('Exercism');
    const byItem = await (
      await bot.double.interact(
        bot.double.slash({ name: 'resources', subcommand: 'list', options: { item: String(bot.itemId) } }),
      )
    ).final();
    expect(byItem.embeds[0]?.footer?.text).toBe('1 resource');
  });

  it('GIVEN a filtered list THEN the reply says it is filtered, by what, and how many match', async () => {
    const list = async (options: Record<string, string>) =>
      (
        await bot.double.interact(bot.double.slash({ name: 'resources', subcommand: 'list', options }))
      ).final();
    const bySearch = await list({ search: 'python' });
    expect(bySearch.embeds[0]?.description?.split('\n')[0]).toBe(
      '🔎 Filtered by search “python”: 3 resources.',
    );
    const narrowed = await list({ category: 'book', search: 'fluent' });
    expect(narrowed.embeds[0]?.description?.split('\n')[0]).toBe(
      '🔎 Filtered by category Book · search “fluent”: 1 resource.',
    );
    const byItem = await list({ item: String(bot.itemId) });
    expect(byItem.embeds[0]?.description?.split('\n')[0]).toBe(
      '🔎 Filtered by item 📍 List comprehensions: 1 resource.',
    );
    const none = await list({ search: 'haskell' });
    expect(none.embeds[0]?.description).toBe(
      '🔎 Filtered by search “haskell”: no resources.\nNo resources match. Try another filter.',
    );
    const all = await list({});
    expect(all.embeds[0]?.description).not.toContain('Filtered');
  });

  it('GIVEN a long library THEN the list is paginated with buttons', async () => {
    for (let index = 0; index < 40; index++) {
      await bot.ctx.db
        .insertInto('resources')
        .values({
          guild_id: bot.double.guild.id,
          user_id: bot.otherId,
          url: `https://videos.example/${index}`,
          url_key: `videos.example/${index}`,
          title: `Video number ${index} ${'with a rather long title '.repeat(3)}`,
          category: 'video',
          item_id: null,
          note: 'n'.repeat(150),
          created_at: '2026-11-26T10:00:00.000Z',
        })
        .execute();
    }
    const reply = await (
      await bot.double.interact(
        bot.double.slash({ name: 'resources', subcommand: 'list', options: { category: 'video' } }),
      )
    ).final();
    const ids = customIdsOf(reply.components);
    expect(ids.some((id) => id.endsWith(':next'))).toBe(true);
    const next = await (
      await bot.double.interact(
        bot.double.button({ customId: ids.find((id) => id.endsWith(':next'))!, message: reply.message }),
      )
    ).final();
    expect(next.embeds[0]?.description).not.toBe(reply.embeds[0]?.description);
    await bot.ctx.db.deleteFrom('resources').where('category', '=', 'video').execute();
  });

  it('GIVEN another member’s resource THEN a member can neither pick nor remove it', async () => {
    const [fluent] = (await resources()).filter((resource) => resource.title === 'Fluent Python');
    expect((await removeChoices(bot.double.users.member.id)).map((choice) => choice.name)).not.toContain(
      'Fluent Python · book',
    );
    const reply = await remove(fluent!.id, bot.double.users.member.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'Only the member who added this resource, or someone with the Manage Messages permission, can remove it.',
    );
    expect((await resources()).map((resource) => resource.id)).toContain(fluent!.id);
  });

  it('GIVEN their own resource THEN the author removes it', async () => {
    const [exercism] = (await resources()).filter((resource) => resource.title === 'Exercism');
    const choices = await removeChoices(bot.double.users.member.id, 'exer');
    expect(choices).toEqual([{ name: 'Exercism · practice', value: String(exercism!.id) }]);
    const reply = await remove(exercism!.id, bot.double.users.member.id);
    expect(reply.content).toBe('Removed [Exercism](https://exercism.org/tracks/python) from the library.');
    expect((await resources()).map((resource) => resource.title)).not.toContain('Exercism');
  });

  it('GIVEN a moderator with Manage Messages THEN they can pick and remove anyone’s resource', async () => {
    const [fluent] = (await resources()).filter((resource) => resource.title === 'Fluent Python');
    const choices = await removeChoices(bot.double.users.admin.id);
    expect(choices.map((choice) => choice.name)).toContain('Fluent Python · book');
    const reply = await remove(fluent!.id, bot.double.users.admin.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('Removed [Fluent Python](https://fluentpython.com) from the library.');
    expect((await resources()).map((resource) => resource.title)).toEqual(['The Python tutorial']);
  });

  it('GIVEN a resource that no longer exists THEN removing it is refused', async () => {
    const reply = await remove(999_999, bot.double.users.admin.id);
    expect(reply.content).toBe('I can’t find that resource. Pick one from the list.');
  });
});
