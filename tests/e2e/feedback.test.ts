import type { SlashInput } from '@waymark/discord-double';
import {
  type APIUser,
  ChannelType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFeedbackRequest, findFeedbackRequestByThread } from '../../src/feedback/feedback-queries.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { buttonReply, slashReply } from '../support/interact.js';

describe('/feedback through the Discord double', () => {
  let requester: APIUser;
  let peerA: APIUser;
  let peerB: APIUser;
  // Moved a minute per test, so the per-member rate limit never carries over between tests.
  const clock = fixedClock('2026-11-25T10:00:00Z');

  const bot = useTestBot({ clock }, () => {
    requester = bot.double.users.member;
    peerA = addTestMember(bot.double, { username: 'ada' });
    peerB = addTestMember(bot.double, { username: 'grace' });
  });
  beforeEach(async () => {
    clock.advance(60_000);
    await bot.ctx.db.deleteFrom('feedback_requests').execute();
    await bot.ctx.db.deleteFrom('thread_replies').execute();
    await bot.ctx.db.deleteFrom('activity_events').execute();
  });

  const run = (input: SlashInput) => slashReply(bot.double, input);

  async function openRequest(topic = 'My first Flask API'): Promise<string> {
    const reply = await run({
      name: 'feedback',
      subcommand: 'request',
      user: requester.id,
      options: { topic, link: 'https://github.com/example/flask-api', details: 'Is the routing idiomatic?' },
    });
    expect(reply.ephemeral).toBe(true);
    const threadId = /<#(\d+)>/.exec(reply.content)?.[1];
    expect(threadId).toBeDefined();
    return threadId!;
  }

  const waitForHelpers = (threadId: string, count: number) =>
    vi.waitFor(async () => {
      const rows = await bot.ctx.db
        .selectFrom('thread_replies')
        .selectAll()
        .where('thread_id', '=', threadId)
        .execute();
      expect(rows).toHaveLength(count);
    });

  const closeRequest = (threadId: string, user: string, thanks?: string) =>
    run({
      name: 'feedback',
      subcommand: 'close',
      user,
      channelId: threadId,
      ...(thanks ? { options: { thanks: { user: thanks } } } : {}),
    });

  const listReply = () => run({ name: 'feedback', subcommand: 'list', user: peerA.id });

  it('GIVEN a request THEN it is posted in the channel with a public week-long thread on it, pinging nobody', async () => {
    const threadId = await openRequest();
    const thread = bot.double.threads.find((candidate) => candidate.id === threadId);
    expect(thread).toMatchObject({
      type: ChannelType.PublicThread,
      parent_id: bot.double.channels.general.id,
      name: 'Feedback: My first Flask API',
      thread_metadata: { auto_archive_duration: ThreadAutoArchiveDuration.OneWeek, archived: false },
    });
    const post = bot.double.messagesIn(bot.double.channels.general.id).at(-1);
    expect(post?.id).toBe(threadId);
    expect(post?.embeds[0]?.title).toBe('My first Flask API');
    expect(post?.embeds[0]?.description).toContain('https://github.com/example/flask-api');
    expect(post?.allowedMentions?.parse).toEqual([]);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({
      status: 'open',
      requester_id: requester.id,
    });
  });

  it('GIVEN a topic with user, role and channel mentions THEN the thread name and post title show names, never ids', async () => {
    const role = bot.double.state.addRole(bot.double.guild.id, { name: 'Reviewers', permissions: 0n });
    const general = bot.double.channels.general.id;
    const threadId = await openRequest(`Ask <@${peerA.id}> or <@&${role.id}> in <#${general}>`);
    const readable = 'Ask @ada or @Reviewers in #general';
    expect(bot.double.threads.find((thread) => thread.id === threadId)?.name).toBe(`Feedback: ${readable}`);
    expect(bot.double.messagesIn(general).at(-1)?.embeds[0]?.title).toBe(readable);
  });

  it('GIVEN two peers reply in the thread THEN /feedback list counts both helpers, not the requester or bots', async () => {
    const threadId = await openRequest();
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Nice routing!' });
    bot.double.userMessage({ channelId: threadId, userId: peerB.id, content: 'Consider blueprints.' });
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'And add tests.' });
    bot.double.userMessage({ channelId: threadId, userId: requester.id, content: 'Thanks both!' });
    await waitForHelpers(threadId, 2);
    const reply = await listReply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe('Open feedback requests (1)');
    expect(reply.embeds[0]?.description).toContain('2 helpers · 3 replies');
    expect(reply.embeds[0]?.description).toContain(`<#${threadId}>`);
  });

  it('GIVEN an unanswered and an answered request THEN the unanswered one is listed first', async () => {
    const answered = await openRequest('Older, answered');
    await openRequest('Newer, unanswered');
    bot.double.userMessage({ channelId: answered, userId: peerA.id, content: 'Looks good' });
    await waitForHelpers(answered, 1);
    const description = (await listReply()).embeds[0]?.description ?? '';
    expect(description.indexOf('Newer, unanswered')).toBeLessThan(description.indexOf('Older, answered'));
    expect(description).toContain('**no replies yet**');
  });

  it('GIVEN a peer who did not ask THEN /feedback close is refused and the request stays open', async () => {
    const threadId = await openRequest();
    const reply = await closeRequest(threadId, peerA.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Only the member who asked for feedback/);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'open' });
  });

  it('GIVEN /feedback close outside a feedback thread THEN it is refused', async () => {
    const reply = await run({ name: 'feedback', subcommand: 'close', user: requester.id });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/inside the thread/);
  });

  it('GIVEN the requester closes with thanks THEN a closing note is posted, the thread archived and helpers credited', async () => {
    const threadId = await openRequest();
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Use type hints' });
    bot.double.userMessage({ channelId: threadId, userId: peerB.id, content: 'Split the module' });
    await waitForHelpers(threadId, 2);
    const reply = await closeRequest(threadId, requester.id, peerB.id);
    expect(reply.ephemeral).toBe(false);
    expect(reply.message.channel_id).toBe(threadId);
    expect(reply.content).toContain(`Special thanks to <@${peerB.id}>`);
    expect(reply.allowedMentions?.parse).toEqual([]);
    await vi.waitFor(() =>
      expect(bot.double.threads.find((thread) => thread.id === threadId)?.thread_metadata?.archived).toBe(
        true,
      ),
    );
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({
      status: 'resolved',
      thanked_user_id: peerB.id,
      resolved_by: requester.id,
    });
    const given = await bot.ctx.db
      .selectFrom('activity_events')
      .select(['user_id', 'target_user_id'])
      .where('kind', '=', 'feedback_given')
      .orderBy('id')
      .execute();
    expect(given).toEqual([
      { user_id: peerA.id, target_user_id: requester.id },
      { user_id: peerB.id, target_user_id: requester.id },
    ]);
    expect((await listReply()).embeds[0]?.title).toBe('Open feedback requests (0)');
  });

  it('GIVEN a moderator with Manage Threads THEN they may close someone else’s request', async () => {
    const threadId = await openRequest();
    const reply = await closeRequest(threadId, bot.double.users.admin.id);
    expect(reply.content).toContain(`Closed by <@${bot.double.users.admin.id}>`);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({
      status: 'resolved',
      resolved_by: bot.double.users.admin.id,
    });
  });

  it('GIVEN thanks to the requester themselves or to a bot THEN closing is refused', async () => {
    const threadId = await openRequest();
    const self = await closeRequest(threadId, requester.id, requester.id);
    expect(self.content).toMatch(/not the member who asked/);
    const toBot = await closeRequest(threadId, requester.id, bot.double.bot.id);
    expect(toBot.content).toMatch(/bots do not collect credit/);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'open' });
  });

  const feedbackEvents = () =>
    bot.ctx.db
      .selectFrom('activity_events')
      .select(['kind', 'user_id'])
      .where('kind', 'in', ['feedback_given', 'feedback_resolved'])
      .execute();

  it('GIVEN a moderator closes a request nobody answered and thanks themselves THEN it is refused privately and nothing changes', async () => {
    const threadId = await openRequest();
    const admin = bot.double.users.admin.id;
    const reply = await closeRequest(threadId, admin, admin);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/cannot thank yourself/);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'open' });
    expect(await feedbackEvents()).toEqual([]);
    expect(bot.double.messagesIn(threadId)).toEqual([]);
  });

  it('GIVEN thanks to a member who never replied in the thread THEN closing is refused privately and nothing changes', async () => {
    const threadId = await openRequest();
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Use type hints' });
    await waitForHelpers(threadId, 1);
    const reply = await closeRequest(threadId, requester.id, peerB.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(`<@${peerB.id}> has not replied in this thread`);
    expect(reply.allowedMentions?.parse).toEqual([]);
    expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'open' });
    expect(await feedbackEvents()).toEqual([]);
  });

  it('GIVEN nobody replied THEN closing posts an honest note that credits nobody', async () => {
    const threadId = await openRequest();
    const reply = await closeRequest(threadId, requester.id);
    expect(reply.ephemeral).toBe(false);
    expect(reply.content).not.toMatch(/thank you for the feedback/i);
    expect(reply.content).toMatch(/closed without replies/);
    expect(reply.content).not.toContain('Credited');
    expect(await feedbackEvents()).toEqual([{ kind: 'feedback_resolved', user_id: requester.id }]);
  });

  it('GIVEN the requester and a moderator close at the same moment THEN one note is posted and the other learns privately who closed it', async () => {
    const threadId = await openRequest();
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Looks good' });
    await waitForHelpers(threadId, 1);
    const closers = [requester.id, bot.double.users.admin.id];
    const handles = await Promise.all(
      closers.map((user) =>
        bot.double.interact(
          bot.double.slash({ name: 'feedback', subcommand: 'close', user, channelId: threadId }),
        ),
      ),
    );
    const replies = await Promise.all(handles.map((handle) => handle.final()));
    const closedBy = (await findFeedbackRequestByThread(bot.ctx.db, threadId))?.resolved_by;
    const winner = closers.indexOf(closedBy ?? '');
    expect(winner).toBeGreaterThanOrEqual(0);
    const [won, lost] = winner === 0 ? replies : [replies[1], replies[0]];
    expect(won).toMatchObject({ ephemeral: false });
    expect(won?.content).toContain(`Credited: <@${peerA.id}>`);
    expect(lost?.ephemeral).toBe(true);
    expect(lost?.content).toContain(`already closed by <@${closedBy}>`);
    expect(lost?.allowedMentions?.parse).toEqual([]);
    const publicInThread = bot.double
      .messagesIn(threadId)
      .filter((message) => message.author.id === bot.double.bot.id && !message.ephemeral);
    expect(publicInThread.map((message) => message.content)).toEqual([won?.content]);
    expect(await feedbackEvents()).toHaveLength(2);
  });

  it('GIVEN the thread is deleted by a moderator THEN the request is abandoned and leaves the list', async () => {
    const threadId = await openRequest();
    bot.double.deleteChannel(threadId);
    await vi.waitFor(async () =>
      expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'abandoned' }),
    );
    expect((await listReply()).embeds[0]?.title).toBe('Open feedback requests (0)');
  });

  it('GIVEN the thread is archived by hand THEN the request stays listed as archived until a reply reopens it', async () => {
    const threadId = await openRequest();
    bot.double.updateThread(threadId, { archived: true });
    await vi.waitFor(async () => expect((await listReply()).embeds[0]?.description).toContain('archived'));
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Still here to help' });
    await waitForHelpers(threadId, 1);
    expect((await listReply()).embeds[0]?.description).not.toContain('archived');
  });

  it('GIVEN the thread is archived and locked by a moderator THEN the request is abandoned', async () => {
    const threadId = await openRequest();
    bot.double.updateThread(threadId, { archived: true, locked: true });
    await vi.waitFor(async () =>
      expect(await findFeedbackRequestByThread(bot.ctx.db, threadId)).toMatchObject({ status: 'abandoned' }),
    );
  });

  it('GIVEN a thread discord.js no longer caches (swept after archiving) THEN replies, close and deletion still work', async () => {
    const threadId = await openRequest();
    const forget = () => bot.app.client.channels.cache.delete(threadId);
    forget();
    bot.double.userMessage({ channelId: threadId, userId: peerA.id, content: 'Late but useful' });
    await waitForHelpers(threadId, 1);
    forget();
    const reply = await closeRequest(threadId, requester.id);
    expect(reply.content).toContain(`Credited: <@${peerA.id}>`);
    await vi.waitFor(() =>
      expect(bot.double.threads.find((thread) => thread.id === threadId)?.thread_metadata?.archived).toBe(
        true,
      ),
    );

    const deleted = await openRequest('Another one');
    bot.app.client.channels.cache.delete(deleted);
    bot.double.deleteChannel(deleted);
    await vi.waitFor(async () =>
      expect(await findFeedbackRequestByThread(bot.ctx.db, deleted)).toMatchObject({ status: 'abandoned' }),
    );
  });

  it('GIVEN a learning’s "Discuss" thread THEN each peer’s first reply there is feedback given to its author', async () => {
    const post = await run({
      name: 'learned',
      user: requester.id,
      options: { text: 'Closures capture variables' },
    });
    const customId = /"custom_id":"(learned:discuss:\d+)"/.exec(JSON.stringify(post.components))?.[1] ?? '';
    const opened = await buttonReply(bot.double, { customId, message: post.message, user: peerA.id });
    const threadId = /<#(\d+)>/.exec(opened.content)?.[1] ?? '';
    for (const author of [peerA, peerA, requester, peerB]) {
      bot.double.userMessage({ channelId: threadId, userId: author.id, content: 'thoughts' });
    }
    await waitForHelpers(threadId, 2);
    const learning = await bot.ctx.db
      .selectFrom('learnings')
      .select('id')
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    const given = await bot.ctx.db
      .selectFrom('activity_events')
      .select(['user_id', 'target_user_id', 'subject_id', 'note'])
      .where('kind', '=', 'feedback_given')
      .execute();
    // Replies are handled as they arrive, concurrently on PostgreSQL's pool: which event is
    // written first is not the point, that each peer has exactly one is.
    expect(given).toHaveLength(2);
    expect(given).toEqual(
      expect.arrayContaining([
        { user_id: peerA.id, target_user_id: requester.id, subject_id: learning?.id, note: 'learning' },
        { user_id: peerB.id, target_user_id: requester.id, subject_id: learning?.id, note: 'learning' },
      ]),
    );
  });

  it('GIVEN more open requests than fit one page THEN /feedback list turns pages with its buttons', async () => {
    for (let index = 0; index < 40; index += 1) {
      await createFeedbackRequest(
        bot.ctx.db,
        {
          guild_id: bot.double.guild.id,
          requester_id: requester.id,
          topic: `Request number ${index} with a reasonably descriptive topic`,
          link: null,
          details: null,
          channel_id: bot.double.channels.general.id,
          message_id: `9000000000000000${String(index).padStart(2, '0')}`,
          thread_id: `8000000000000000${String(index).padStart(2, '0')}`,
          created_at: new Date(Date.parse('2026-11-01T00:00:00Z') + index * 60_000).toISOString(),
        },
        'UTC',
      );
    }
    const first = await listReply();
    expect(first.embeds[0]?.title).toBe('Open feedback requests (40)');
    expect(first.embeds[0]?.description).toContain('Request number 0 ');
    const customId = /"custom_id":"([^"]+:next)"/.exec(JSON.stringify(first.components))?.[1] ?? '';
    const handle = await bot.double.interact(
      bot.double.button({ customId, message: first.message, user: peerA.id }),
    );
    await handle.response();
    const turned = bot.double.message(first.message.id);
    expect(turned?.embeds[0]?.description).toContain('Request number 39 ');
    expect(turned?.embeds[0]?.description).not.toContain('Request number 0 ');
  });

  it.each([
    ['a link that is not http(s)', { topic: 'Parser', link: 'ftp://example.com/x' }, /https:\/\//],
    ['a blank topic', { topic: '   ' }, /what you would like feedback on/],
    ['a topic of zero-width characters', { topic: '\u200b\u200c\u200d' }, /only invisible characters/],
    [
      'details with a masked link that hides its target',
      { topic: 'Parser', details: 'See [https://github.com/me/parser](https://evil.example/parser)' },
      /shows https:\/\/github\.com\/me\/parser but leads to https:\/\/evil\.example\/parser/,
    ],
  ])('GIVEN %s THEN the request is refused and nothing is posted', async (_case, options, message) => {
    const before = bot.double.messagesIn(bot.double.channels.general.id).length;
    const reply = await run({ name: 'feedback', subcommand: 'request', user: requester.id, options });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(message);
    expect(bot.double.messagesIn(bot.double.channels.general.id)).toHaveLength(before);
  });

  it('GIVEN /feedback request inside a thread THEN it is refused', async () => {
    const threadId = await openRequest();
    const reply = await run({
      name: 'feedback',
      subcommand: 'request',
      user: requester.id,
      channelId: threadId,
      options: { topic: 'Nested' },
    });
    expect(reply.content).toMatch(/regular text channel/);
  });

  it.each<[string, bigint, string]>([
    [
      'create threads or embed links',
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
      'Embed Links, Create Public Threads',
    ],
    [
      'send messages',
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.CreatePublicThreads,
      'Send Messages',
    ],
  ])(
    'GIVEN a channel where the bot cannot %s THEN the request is refused up front, naming what is missing, and nothing is posted',
    async (_case, permissions, missing) => {
      const channel = bot.double.addChannel({ name: 'locked-down' });
      bot.double.setBotPermissions(channel.id, permissions);
      const since = bot.double.requests.length;
      const reply = await run({
        name: 'feedback',
        subcommand: 'request',
        user: requester.id,
        channelId: channel.id,
        options: { topic: 'Parser' },
      });
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(
        `I can’t open a feedback thread in <#${channel.id}>: Waymark is missing ${missing} there. Ask an admin to grant ${missing.includes(',') ? 'them' : 'it'} to Waymark in this channel, or ask in another channel.`,
      );
      const posts = bot.double.requests
        .slice(since)
        .filter(
          (request) => request.method === 'POST' && request.path.startsWith(`/channels/${channel.id}/`),
        );
      expect(posts).toEqual([]);
      expect(await bot.ctx.db.selectFrom('feedback_requests').selectAll().execute()).toEqual([]);
      expect(await bot.ctx.db.selectFrom('activity_events').selectAll().execute()).toEqual([]);
    },
  );
});
