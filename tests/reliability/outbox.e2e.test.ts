import type { SlashInput } from '@waymark/discord-double';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it, vi } from 'vitest';
import { DELIVERY_RETRY_DELAYS_MS, MAX_DELIVERY_ATTEMPTS } from '../../src/core/outbox.js';
import { deliverDuePosts } from '../../src/discord/jobs/deliver-posts-job.js';
import { nudgeQuietMembersJob } from '../../src/discord/jobs/nudge-job.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { customIdsOf, slashReply } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_POST = /^\/channels\/\d+\/messages$/;
/** Discord carried the request out, then answered 502: discord.js cannot tell and retries. */
const LOST_ANSWER = { status: 502, afterCarryingOut: true } as const;
const DAY = 24 * 60 * 60 * 1000;

describe('the outbox: every public post exactly once', () => {
  // 10:00 UTC, a daytime hour for nudges; moved a minute per use so rate limits never carry over.
  const clock = fixedClock('2026-11-25T10:00:00Z');
  const bot = useTestBot({ clock });
  const run = (input: SlashInput) => {
    clock.advance(60_000);
    return slashReply(bot.double, input);
  };
  const newChannel = (name: string) => bot.double.addChannel({ name }).id;
  const posts = (channelId: string) =>
    bot.double.requests.filter(
      (request) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`,
    );
  const outbox = () => bot.ctx.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  /** The answer is out before the bot records it: waits for the latest post of `kind` to be recorded. */
  const delivered = (kind: string) =>
    vi.waitFor(async () => {
      const latest = (await outbox()).filter((row) => row.kind === kind).at(-1);
      expect(latest?.status).toBe('delivered');
    });

  describe('GIVEN Discord answering 502 after carrying the post out THEN there is one message', () => {
    it('a learning (the answer to /learned)', async () => {
      const channelId = newChannel('learned-502');
      bot.double.failNext({ method: 'POST', path: CALLBACK, ...LOST_ANSWER });
      await run({ name: 'learned', channelId, options: { text: 'Generators are lazy' } });
      await delivered('learning');
      const messages = bot.double.messagesIn(channelId);
      expect(messages).toHaveLength(1);
      const learning = await bot.ctx.db
        .selectFrom('learnings')
        .selectAll()
        .where('text', '=', 'Generators are lazy')
        .executeTakeFirstOrThrow();
      expect(customIdsOf(messages[0]!.components ?? [])).toEqual([`learned:discuss:${learning.id}`]);
      expect(learning.message_id).toBe(messages[0]!.id);
    });

    it('a feedback request and its thread', async () => {
      const channelId = newChannel('feedback-502');
      bot.double.failNext({ method: 'POST', path: `/channels/${channelId}/messages`, ...LOST_ANSWER });
      bot.double.failNext({ method: 'POST', path: /\/threads$/, ...LOST_ANSWER });
      const reply = await run({
        name: 'feedback',
        subcommand: 'request',
        channelId,
        options: { topic: 'Review my CLI' },
      });
      expect(reply.content).toMatch(/Your request is open in <#\d+>/);
      expect(posts(channelId).map((request) => request.status)).toEqual([502, 200]);
      const messages = bot.double.messagesIn(channelId);
      expect(messages).toHaveLength(1);
      expect(bot.double.threads.filter((thread) => thread.parent_id === channelId)).toHaveLength(1);
      const request = await bot.ctx.db
        .selectFrom('feedback_requests')
        .selectAll()
        .where('topic', '=', 'Review my CLI')
        .executeTakeFirstOrThrow();
      expect(request).toMatchObject({ message_id: messages[0]!.id, thread_id: messages[0]!.id });
    });

    it('a closing note', async () => {
      const channelId = newChannel('close-502');
      const opened = await run({
        name: 'feedback',
        subcommand: 'request',
        channelId,
        options: { topic: 'Close me' },
      });
      const threadId = /<#(\d+)>/.exec(opened.content)![1]!;
      bot.double.failNext({ method: 'POST', path: CALLBACK, ...LOST_ANSWER });
      await run({ name: 'feedback', subcommand: 'close', channelId: threadId });
      await delivered('closing_note');
      const notes = bot.double.messagesIn(threadId).filter((message) => message.content.startsWith('☑️'));
      expect(notes).toHaveLength(1);
      expect(bot.double.threads.find((thread) => thread.id === threadId)?.thread_metadata?.archived).toBe(
        true,
      );
    });

    it('a phase celebration (a follow-up: no nonce, so the channel is read before posting again)', async () => {
      const channelId = newChannel('celebrate-502');
      const guildId = bot.double.guild.id;
      const ada = addTestMember(bot.double, { username: 'ada' });
      const roadmap = await seedRoadmap(bot.ctx.db, {
        guildId,
        createdBy: bot.double.users.admin.id,
        phases: { 'One step': ['The only item'] },
        now: clock.now(),
      });
      bot.double.failNext({ method: 'POST', path: /^\/webhooks\/\d+\/[^/]+$/, ...LOST_ANSWER });
      await run({
        name: 'check',
        channelId,
        user: ada.id,
        options: { item: String(roadmap.items.get('The only item')) },
      });
      await bot.double.waitFor(async () =>
        (await outbox()).find((row) => row.kind === 'phase_completed')?.status === 'delivered'
          ? true
          : undefined,
      );
      const celebrations = bot.double
        .messagesIn(channelId)
        .filter((message) => message.content.startsWith('🎉'));
      expect(celebrations).toHaveLength(1);
      expect(
        bot.double.requests.filter((request) => /^\/webhooks\/\d+\/[^/]+$/.test(request.path)),
      ).toHaveLength(1);
    });

    it('a digest sent by hand', async () => {
      const channelId = newChannel('digest-502');
      const admin = bot.double.users.admin.id;
      await run({
        name: 'digest',
        subcommand: 'setup',
        user: admin,
        options: { channel: { channel: channelId }, day: 'monday', hour: 9 },
      });
      bot.double.failNext({ method: 'POST', path: `/channels/${channelId}/messages`, ...LOST_ANSWER });
      await run({ name: 'digest', subcommand: 'send', user: admin });
      expect(posts(channelId).map((request) => request.status)).toEqual([502, 200]);
      expect(bot.double.messagesIn(channelId)).toHaveLength(1);
    });

    it('a nudge (a direct message)', async () => {
      const quiet = addTestMember(bot.double, { username: 'quiet' });
      const guildId = bot.double.guild.id;
      const longAgo = new Date(clock.now().getTime() - 30 * DAY).toISOString();
      await bot.ctx.db
        .insertInto('guild_settings')
        .values({ guild_id: guildId, nudges_enabled: 1, updated_at: longAgo })
        .onConflict((conflict) => conflict.column('guild_id').doUpdateSet({ nudges_enabled: 1 }))
        .execute();
      await bot.ctx.db
        .insertInto('member_settings')
        .values({ guild_id: guildId, user_id: quiet.id, nudges: 1, updated_at: longAgo })
        .execute();
      bot.double.failNext({ method: 'POST', path: CHANNEL_POST, ...LOST_ANSWER });
      await nudgeQuietMembersJob.run(bot.ctx);
      expect(bot.double.dmsTo(quiet.id)).toHaveLength(1);
    });
  });

  it('GIVEN a post that keeps failing (missing permission) THEN it is retried with backoff, then left failed and shown in /about, while others are delivered', async () => {
    const hidden = newChannel('no-send');
    const open = newChannel('open');
    bot.double.setBotPermissions(hidden, PermissionFlagsBits.ViewChannel);
    const author = addTestMember(bot.double, { username: 'author' });
    // Discord down for both answers: each learning is stored, and the outbox posts it in its channel.
    for (const [channelId, text] of [
      [hidden, 'Lost in a hidden channel'],
      [open, 'Delivered late'],
    ] as const) {
      bot.double.failNext({ method: 'POST', path: CALLBACK, status: 503, times: 4 });
      // Both at the same instant, so their retries fall due together.
      const reply = await slashReply(bot.double, {
        name: 'learned',
        channelId,
        user: author.id,
        options: { text },
      });
      expect(reply.content).toMatch(/Something went wrong/);
    }
    const rows = (await outbox()).slice(-2);
    expect(rows.map((row) => row.status)).toEqual(['pending', 'pending']);

    const attemptsOfFailing = async () => {
      await deliverDuePosts(bot.ctx);
      const failing = await bot.ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', rows[0]!.id)
        .executeTakeFirstOrThrow();
      return `${failing.attempts}:${failing.status}`;
    };
    const attempts: string[] = [];
    for (const delay of DELIVERY_RETRY_DELAYS_MS) {
      // A second before the wait is over nothing is tried; once it is, the next attempt is.
      clock.advance(delay - 1_000);
      attempts.push(await attemptsOfFailing());
      clock.advance(1_000);
      attempts.push(await attemptsOfFailing());
    }
    expect(attempts).toEqual([
      '1:pending',
      '2:pending',
      '2:pending',
      '3:pending',
      '3:pending',
      '4:pending',
      '4:pending',
      `${MAX_DELIVERY_ATTEMPTS}:failed`,
    ]);
    clock.advance(DAY);
    expect(await attemptsOfFailing()).toBe(`${MAX_DELIVERY_ATTEMPTS}:failed`);

    expect(bot.double.messagesIn(hidden)).toEqual([]);
    const delivered = bot.double.messagesIn(open);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.content).toBe(`Shared by <@${author.id}> with /learned.`);
    expect(delivered[0]!.embeds[0]?.description).toBe('Delivered late');

    const about = await run({ name: 'about', user: author.id });
    const field = about.embeds[0]?.fields?.find((candidate) => candidate.name === 'Posts to deliver');
    expect(field?.value).toMatch(/^0 pending · 1 failed\n1 of them is yours/);
  });
});
