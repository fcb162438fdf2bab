import type { FinalResponse, OptionInput } from '@waymark/discord-double';
import type { APIInteraction, APIMessageComponentInteraction, APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectMemberData } from '../../src/privacy/collect-member-data.js';
import type { MemberDataDocument } from '../../src/privacy/member-data-document.js';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { customIdsOf } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';
import { seedMemberData } from './seed-member-data.js';

describe('/privacy through the Discord double', () => {
  const clock = fixedClock('2026-11-26T10:00:00Z');
  let member: APIUser;
  let admin: APIUser;
  let peer: APIUser;
  let itemId: string;

  const bot = useTestBot({ clock }, async () => {
    member = bot.double.users.member;
    admin = bot.double.users.admin;
    peer = bot.double.addUser({ username: 'peer' });
    bot.double.addMember(peer.id);
    const roadmap = await seedRoadmap(bot.ctx.db, {
      guildId: bot.double.guild.id,
      createdBy: admin.id,
      phases: { Basics: ['Closures', 'Decorators'] },
      now: clock.now(),
    });
    itemId = String(roadmap.items.get('Closures'));
  });
  beforeEach(() => {
    // Past every cooldown, so one test's commands never slow down the next.
    clock.advance(15 * 60_000);
  });

  const slash = async (
    name: string,
    user: APIUser,
    options: Record<string, OptionInput> = {},
    subcommand?: string,
  ) =>
    bot.double.interact(
      bot.double.slash({ name, user: user.id, options, ...(subcommand ? { subcommand } : {}) }),
    );
  const privacy = async (subcommand: string, user: APIUser, options: Record<string, OptionInput> = {}) =>
    (await slash('privacy', user, options, subcommand)).final();
  const press = async (prompt: FinalResponse, action: 'erase' | 'cancel', as?: APIUser) => {
    const customId = customIdsOf(prompt.components).find((id) => id.startsWith(`privacy:${action}:`))!;
    const payload = bot.double.button({
      customId,
      message: prompt.message,
    }) as APIMessageComponentInteraction;
    // Discord shows an ephemeral prompt to one member only; a forged click from anyone else is
    // what the bot's own ownership check is for.
    if (as) payload.member = { ...payload.member!, user: as };
    return (await bot.double.interact(payload as APIInteraction)).final();
  };
  const dataOf = (user: APIUser): Promise<MemberDataDocument> =>
    collectMemberData(bot.ctx.db, bot.double.guild.id, user.id, new Date(0));
  const publicMessages = () =>
    bot.double
      .messagesIn(bot.double.channels.general.id)
      .filter((message) => !message.ephemeral && !message.deleted)
      .map((message) => message.id);

  /** The member shares a learning and asks for feedback (two public posts), adds a resource and checks an item. */
  async function useWaymark(
    user: APIUser,
    word: string,
  ): Promise<{ learningPost: string; requestPost: string }> {
    const learning = await (
      await slash('learned', user, { text: `${word} closures capture`, item: itemId })
    ).final();
    await (await slash('feedback', user, { topic: `${word} parser` }, 'request')).final();
    await (
      await slash(
        'resources',
        user,
        { url: `https://example.com/${word}`, title: `${word} guide`, category: 'documentation' },
        'add',
      )
    ).final();
    await (await slash('check', user, { item: itemId })).final();
    const request = await bot.ctx.db
      .selectFrom('feedback_requests')
      .select('message_id')
      .where('requester_id', '=', user.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { learningPost: learning.message.id, requestPost: request.message_id };
  }

  it('GIVEN a member with data THEN export replies privately with a JSON file of it, deferred first and pinging nobody', async () => {
    await useWaymark(member, 'export');
    const handle = await slash('privacy', member, {}, 'export');
    expect((await handle.response()).type).toBe(5);
    const reply = await handle.final();

    expect(reply.ephemeral).toBe(true);
    expect(reply.allowedMentions?.parse).toEqual([]);
    expect(reply.content).toMatch(/learnings: 1 · resources: 1/);
    const [file] = reply.attachments;
    expect(file?.filename).toBe(`waymark-data-${bot.double.guild.id}-${member.id}.json`);
    const document = JSON.parse(file!.data.toString('utf8')) as MemberDataDocument;
    expect(document).toMatchObject({ format: 'waymark-member-data', version: 1, userId: member.id });
    expect(document.learnings.map((learning) => learning.text)).toContain('export closures capture');
    expect(document.progress.map((row) => row.item.label)).toEqual(['Closures']);
  });

  it('GIVEN /privacy delete THEN a private confirmation asks first, and a forged click by another member is refused', async () => {
    await useWaymark(member, 'forged');
    const before = await dataOf(member);
    const prompt = await privacy('delete', member);
    expect(prompt.ephemeral).toBe(true);
    expect(prompt.content).toMatch(/cannot be undone/);
    expect(prompt.components[0]).toMatchObject({
      components: [{ label: 'Erase my data' }, { label: 'Cancel' }],
    });

    const refused = await press(prompt, 'erase', peer);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/belong to someone else/);
    expect(await dataOf(member)).toEqual(before);
  });

  it('GIVEN the confirmation is cancelled THEN nothing changes and the buttons go away', async () => {
    await useWaymark(member, 'cancel');
    const before = await dataOf(member);
    const prompt = await privacy('delete', member);
    const cancelled = await press(prompt, 'cancel');
    expect(cancelled.content).toBe('Cancelled. Nothing was erased.');
    expect(cancelled.components).toEqual([]);
    expect(cancelled.ephemeral).toBe(true);
    expect(await dataOf(member)).toEqual(before);
  });

  it('GIVEN the confirmation is older than five minutes THEN erasing is refused and nothing changes', async () => {
    await useWaymark(member, 'expired');
    const before = await dataOf(member);
    const prompt = await privacy('delete', member);
    clock.advance(5 * 60_000 + 1_000);
    const refused = await press(prompt, 'erase');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/expired and nothing was erased/);
    expect(await dataOf(member)).toEqual(before);
  });

  it('GIVEN the member confirms THEN their data is erased, their posts removed, resources kept anonymous, and nothing new is public', async () => {
    const peerPosts = await useWaymark(peer, 'peer');
    const posts = await useWaymark(member, 'erase');
    const publicBefore = publicMessages();
    expect(publicBefore).toEqual(expect.arrayContaining([posts.learningPost, posts.requestPost]));

    const prompt = await privacy('delete', member);
    const done = await press(prompt, 'erase');

    expect(done.ephemeral).toBe(true);
    expect(done.components).toEqual([]);
    expect(done.allowedMentions?.parse).toEqual([]);
    expect(done.content).toMatch(/Erased your data/);
    expect(done.content).toMatch(/resources added, left in the library: \d+/);
    expect(done.content).toMatch(/Removed \d+ of \d+ public posts\./);
    const after = await dataOf(member);
    expect([
      after.learnings,
      after.progress,
      after.activity,
      after.resources,
      after.feedbackRequests,
    ]).toEqual([[], [], [], [], []]);
    const publicAfter = publicMessages();
    expect(publicAfter).not.toContain(posts.learningPost);
    expect(publicAfter).not.toContain(posts.requestPost);
    expect(publicAfter).toEqual(expect.arrayContaining([peerPosts.learningPost, peerPosts.requestPost]));
    expect(publicAfter.every((id) => publicBefore.includes(id))).toBe(true);
    const resources = await bot.ctx.db.selectFrom('resources').select(['title', 'user_id']).execute();
    expect(resources).toEqual(
      expect.arrayContaining([
        { title: 'erase guide', user_id: null },
        { title: 'peer guide', user_id: peer.id },
      ]),
    );
    expect((await dataOf(peer)).learnings).toHaveLength(1);
  });

  it('GIVEN a post in a channel the bot can no longer see THEN the data is still erased and the post is reported', async () => {
    const hidden = bot.double.addChannel({ name: 'hidden' });
    const post = await (
      await bot.double.interact(
        bot.double.slash({
          name: 'learned',
          user: member.id,
          channelId: hidden.id,
          options: { text: 'hidden post' },
        }),
      )
    ).final();
    bot.double.setBotPermissions(hidden.id, 0n);

    const done = await press(await privacy('delete', member), 'erase');

    expect(done.content).toContain('Removed 0 of 1 public posts. 1 could not be removed');
    expect(bot.double.message(post.message.id)?.deleted).toBe(false);
    expect((await dataOf(member)).learnings).toEqual([]);
  });

  it('GIVEN a member without Manage Server THEN /privacy purge is refused', async () => {
    const refused = await privacy('purge', member, { member: { user: peer.id } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/privacy purge needs the Manage Server permission/);
    expect(refused.components).toEqual([]);
  });

  it('GIVEN an admin purges a member who left THEN it is confirmed and their data erased, pinging nobody', async () => {
    const gone = bot.double.addUser({ username: 'gone' });
    const roadmap = await bot.ctx.db.selectFrom('roadmaps').select('id').executeTakeFirstOrThrow();
    const items = await bot.ctx.db.selectFrom('roadmap_items').select(['id', 'label']).execute();
    await seedMemberData(
      bot.ctx.db,
      {
        guildId: bot.double.guild.id,
        userId: gone.id,
        word: 'gone',
        channelId: bot.double.channels.general.id,
      },
      { roadmapId: roadmap.id, items: new Map(items.map((item) => [item.label, item.id])) },
      clock.now(),
    );
    const publicBefore = publicMessages();

    const prompt = await privacy('purge', admin, { member: { user: gone.id } });
    expect(prompt.ephemeral).toBe(true);
    expect(prompt.allowedMentions?.parse).toEqual([]);
    expect(prompt.content).toContain(`<@${gone.id}> is no longer a member of this server.`);
    expect(prompt.components[0]).toMatchObject({
      components: [{ label: 'Erase their data' }, { label: 'Cancel' }],
    });

    const refused = await press(prompt, 'erase', member);
    expect(refused.content).toMatch(/belong to someone else/);
    expect((await dataOf(gone)).learnings).toHaveLength(1);

    const done = await press(prompt, 'erase');
    expect(done.ephemeral).toBe(true);
    expect(done.content).toContain(`Erased <@${gone.id}>’s data`);
    expect(done.allowedMentions?.parse).toEqual([]);
    const after = await dataOf(gone);
    expect([after.learnings, after.projects, after.goals, after.settings]).toEqual([[], [], [], null]);
    expect(publicMessages()).toEqual(publicBefore);
  });

  it('GIVEN an admin purges someone still in the server THEN the prompt says so, since only their request justifies it', async () => {
    const prompt = await privacy('purge', admin, { member: { user: member.id } });
    expect(prompt.content).toContain(
      `<@${member.id}> is still a member of this server. Purge only at their request`,
    );
    const cancelled = await press(prompt, 'cancel');
    expect(cancelled.content).toBe('Cancelled. Nothing was erased.');
  });

  it('GIVEN the admin lost Manage Server after the prompt THEN confirming the purge is refused', async () => {
    const before = await dataOf(peer);
    const prompt = await privacy('purge', admin, { member: { user: peer.id } });
    const customId = customIdsOf(prompt.components).find((id) => id.startsWith('privacy:erase:'))!;
    const payload = bot.double.button({
      customId,
      message: prompt.message,
    }) as APIMessageComponentInteraction;
    payload.member = { ...payload.member!, permissions: '0' };
    const refused = await (await bot.double.interact(payload as APIInteraction)).final();
    expect(refused.content).toMatch(/privacy purge needs the Manage Server permission/);
    expect(await dataOf(peer)).toEqual(before);
  });

  it('GIVEN a bot as the member to purge THEN it is refused', async () => {
    const refused = await privacy('purge', admin, { member: { user: bot.double.bot.id } });
    expect(refused.content).toMatch(/^Bots don’t follow roadmaps or keep anything in Waymark/);
  });
});
