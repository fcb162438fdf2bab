import { describe, expect, it, vi } from 'vitest';
import { customIdsOf } from '../support/interact.js';
import { useSharingBot } from './sharing-bot.js';

describe('/learned', () => {
  const bot = useSharingBot();

  const learnings = () => bot.ctx.db.selectFrom('learnings').selectAll().orderBy('id').execute();

  it('GIVEN text with @everyone and a role mention THEN it is posted publicly as written, and nobody can be pinged', async () => {
    const role = [...bot.double.guild.roles.keys()].find((id) => id !== bot.double.guild.id)!;
    const text = `Careful @everyone, @here and <@&${role}>: **generators** are lazy`;
    const handle = await bot.double.interact(
      bot.double.slash({
        name: 'learned',
        options: {
          text,
          item: String(bot.itemId),
          link: 'https://Docs.Python.org/3/?utm_source=x',
          tags: 'Python, #generators',
        },
      }),
    );
    const reply = await handle.final();
    expect(reply.ephemeral).toBe(false);
    expect(reply.content).toBe('');
    expect(reply.allowedMentions?.parse).toEqual([]);
    expect(reply.message.mention_everyone).toBe(false);
    expect(reply.message.mention_roles).toEqual([]);
    expect(reply.message.mentions).toEqual([]);
    const embed = reply.embeds[0]!;
    expect(embed.description).toBe(text);
    expect(embed.author?.name).toBe('member');
    expect(embed.author?.icon_url).toMatch(/^https:\/\//);
    expect(embed.fields).toEqual([
      { name: 'Roadmap item', value: 'List comprehensions · Basics', inline: true },
      { name: 'Link', value: 'https://docs.python.org/3', inline: true },
      { name: 'Tags', value: '#python #generators', inline: true },
    ]);
    expect(customIdsOf(reply.components)).toEqual([expect.stringMatching(/^learned:discuss:\d+$/)]);

    const [stored] = await learnings();
    expect(stored).toMatchObject({
      user_id: bot.double.users.member.id,
      text,
      tags: 'python generators',
      item_id: bot.itemId,
      link: 'https://docs.python.org/3',
      channel_id: bot.double.channels.general.id,
      message_id: reply.message.id,
      created_at: '2026-11-26T10:00:00.000Z',
    });
    const events = await bot.ctx.db
      .selectFrom('activity_events')
      .selectAll()
      .where('kind', '=', 'learning_shared')
      .execute();
    expect(events).toMatchObject([
      { subject_id: stored?.id, item_id: bot.itemId, user_id: bot.double.users.member.id },
    ]);
  });

  it('GIVEN the Discuss button pressed twice THEN one thread is opened on the post and its id is stored', async () => {
    const post = await (
      await bot.double.interact(bot.double.slash({ name: 'learned', options: { text: 'Threads are cheap' } }))
    ).final();
    const customId = customIdsOf(post.components)[0]!;
    const threadsBefore = bot.double.threads.length;

    const first = await (
      await bot.double.interact(bot.double.button({ customId, message: post.message, user: bot.otherId }))
    ).final();
    expect(first.ephemeral).toBe(true);
    const thread = bot.double.threads.at(-1)!;
    expect(bot.double.threads).toHaveLength(threadsBefore + 1);
    expect(thread.id).toBe(post.message.id);
    expect(thread.name).toBe('Discuss: Threads are cheap');
    expect(first.content).toBe(`Discussion opened: <#${thread.id}>`);

    const second = await (
      await bot.double.interact(bot.double.button({ customId, message: post.message }))
    ).final();
    expect(second.ephemeral).toBe(true);
    expect(second.content).toBe(`The discussion is already open: <#${thread.id}>`);
    expect(bot.double.threads).toHaveLength(threadsBefore + 1);
    expect((await learnings()).at(-1)?.thread_id).toBe(thread.id);
  });

  it('GIVEN a learning whose first line is long and full of mentions THEN its thread name shows names, cut between them', async () => {
    const peer = bot.double.addUser({ username: 'peer', globalName: 'Grace Hopper' });
    bot.double.addMember(peer.id, { nick: 'Amazing Grace' });
    const role = bot.double.roles.admin;
    const text = `Thanks <@${peer.id}> and <@&${role.id}> for ${'explaining '.repeat(4)}<@${peer.id}> <@${peer.id}>\nmore`;
    const post = await (
      await bot.double.interact(bot.double.slash({ name: 'learned', options: { text } }))
    ).final();
    await (
      await bot.double.interact(
        bot.double.button({
          customId: customIdsOf(post.components)[0]!,
          message: post.message,
          user: bot.otherId,
        }),
      )
    ).final();
    const name = bot.double.threads.at(-1)?.name ?? '';
    expect(name).toBe(
      `Discuss: Thanks @Amazing Grace and @${role.name} for ${'explaining '.repeat(4).trimEnd()}…`,
    );
    expect(name.length).toBeLessThanOrEqual(100);
  });

  it('GIVEN a peer replies in a learning’s Discuss thread THEN it counts as feedback given to the author', async () => {
    const post = await (
      await bot.double.interact(
        bot.double.slash({ name: 'learned', options: { text: 'Feedback counts here' } }),
      )
    ).final();
    const customId = customIdsOf(post.components)[0]!;
    await (
      await bot.double.interact(bot.double.button({ customId, message: post.message, user: bot.otherId }))
    ).final();
    const learning = (await learnings()).at(-1)!;

    bot.double.userMessage({ channelId: learning.thread_id!, userId: bot.otherId, content: 'Nice one' });
    await vi.waitFor(async () => {
      const replies = await bot.ctx.db
        .selectFrom('thread_replies')
        .selectAll()
        .where('thread_id', '=', learning.thread_id!)
        .execute();
      expect(replies).toMatchObject([{ user_id: bot.otherId, reply_count: 1 }]);
    });
  });

  it('GIVEN the bot may not create threads in the channel THEN Discuss explains it and records no thread', async () => {
    const post = await (
      await bot.double.interact(
        bot.double.slash({ name: 'learned', options: { text: 'Permissions matter' } }),
      )
    ).final();
    bot.double.failNext({ method: 'POST', path: /\/threads$/, status: 403 });
    const reply = await (
      await bot.double.interact(
        bot.double.button({ customId: customIdsOf(post.components)[0]!, message: post.message }),
      )
    ).final();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'I can’t open a thread on this post. Threads need a text channel where I have the Create Public Threads permission.',
    );
    expect((await learnings()).at(-1)?.thread_id).toBeNull();
  });

  it('GIVEN no text THEN a modal opens with the given link and tags, and its submission is posted', async () => {
    const handle = await bot.double.interact(
      bot.double.slash({ name: 'learned', options: { item: String(bot.itemId), tags: 'async' } }),
    );
    const modal = await handle.modal();
    expect(modal.title).toBe('Share what you learned');
    const submit = await bot.double.interact(
      bot.double.modalSubmit({
        customId: modal.custom_id,
        fields: {
          text: 'Event loops run one task at a time <@&1>',
          link: 'https://example.com/loop#part',
          tags: 'async, python',
        },
      }),
    );
    const reply = await submit.final();
    expect(reply.ephemeral).toBe(false);
    expect(reply.allowedMentions?.parse).toEqual([]);
    expect(reply.embeds[0]?.description).toBe('Event loops run one task at a time <@&1>');
    expect(reply.embeds[0]?.fields).toEqual([
      { name: 'Roadmap item', value: 'List comprehensions · Basics', inline: true },
      { name: 'Link', value: 'https://example.com/loop', inline: true },
      { name: 'Tags', value: '#async #python', inline: true },
    ]);
    expect((await learnings()).at(-1)).toMatchObject({ item_id: bot.itemId, tags: 'async python' });
  });

  it('GIVEN the modal submitted with an over-long learning THEN it is refused and nothing is stored', async () => {
    const modal = await (await bot.double.interact(bot.double.slash({ name: 'learned' }))).modal();
    const before = (await learnings()).length;
    const reply = await (
      await bot.double.interact(
        bot.double.modalSubmit({
          customId: modal.custom_id,
          fields: { text: 'x'.repeat(1_500), tags: 'a b c d e f' },
        }),
      )
    ).final();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('Use at most 5 tags (you gave 6).');
    expect(await learnings()).toHaveLength(before);
  });

  it.each([
    [{ text: 'x', link: 'javascript:alert(1)' }, 'Link: Only http:// and https:// links are accepted.'],
    [{ text: '   ' }, 'What you learned cannot be empty.'],
    [{ text: '\u200b\u200d\u2060\ufeff\u3164' }, 'What you learned has only invisible characters'],
    [
      { text: 'Read [https://docs.python.org/3](https://evil.example/login) first' },
      'shows https://docs.python.org/3 but leads to https://evil.example/login',
    ],
    [{ text: 'x', tags: `${'t'.repeat(31)}` }, 'Tags can be at most 30 characters'],
    [{ text: 'x', item: 'no such item anywhere' }, 'No single item in **python** matches'],
    [{ link: 'javascript:alert(1)' }, 'Link: Only http:// and https:// links are accepted.'],
  ])('GIVEN bad input %j THEN it is refused privately and nothing is stored', async (options, message) => {
    const before = (await learnings()).length;
    const reply = await (await bot.double.interact(bot.double.slash({ name: 'learned', options }))).final();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
    expect(await learnings()).toHaveLength(before);
  });

  it('GIVEN a member posting in a burst THEN the eleventh post gets a friendly cooldown', async () => {
    const user = bot.double.addUser({ username: 'eager' });
    bot.double.addMember(user.id);
    for (let index = 0; index < 10; index++) {
      const reply = await (
        await bot.double.interact(
          bot.double.slash({ name: 'learned', user: user.id, options: { text: `Note ${index}` } }),
        )
      ).final();
      expect(reply.ephemeral).toBe(false);
    }
    const refused = await (
      await bot.double.interact(
        bot.double.slash({ name: 'learned', user: user.id, options: { text: 'One more' } }),
      )
    ).final();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^Easy there — you can use \/learned again <t:\d+:R>\.$/);
  });
});
