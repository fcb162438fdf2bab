import type { InteractionHandle } from '@waymark/discord-double';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aboutCommand } from '../../commands/about.js';
import type { SlashCommand } from '../../src/discord/command.js';
import { type TestBot, useTestBot } from '../support/bot.js';
import { dmCommand, postCommand, slowCommand } from './test-commands.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

/** /about checks the bot after every fault; the per-member rate limit is tested on its own. */
const unlimitedAbout: SlashCommand = { ...aboutCommand, rateLimit: { uses: 1_000, windowMs: 20_000 } };

describe('faults in Discord: the bot resumes, retries what should be retried and never acknowledges twice', () => {
  const bot = useTestBot({
    commands: [unlimitedAbout, postCommand, slowCommand, dmCommand],
    identifyThrottle: 'none',
  });
  afterEach(() => {
    bot.double.clearFaults();
    // Whatever happened, no interaction was ever acknowledged twice.
    for (const [id, count] of acknowledgementsPerInteraction()) {
      expect(count, `interaction ${id} acknowledged ${count} times`).toBeLessThanOrEqual(1);
    }
  });

  function acknowledgementsPerInteraction(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const request of bot.double.requests) {
      if (request.method !== 'POST' || !CALLBACK.test(request.path)) continue;
      const id = request.path.split('/')[2]!;
      const acknowledged = (request.status ?? 0) >= 200 && (request.status ?? 0) < 300;
      counts.set(id, (counts.get(id) ?? 0) + (acknowledged ? 1 : 0));
    }
    return counts;
  }

  function callbackAttempts(handle: InteractionHandle): (number | undefined)[] {
    return bot.double.requests
      .filter(
        (request) =>
          request.method === 'POST' && request.path.startsWith(`/interactions/${handle.payload.id}/`),
      )
      .map((request) => request.status);
  }

  async function about(): Promise<InteractionHandle> {
    const handle = await bot.double.interact(bot.double.slash({ name: 'about' }));
    const reply = await handle.final();
    expect(reply.embeds[0]?.title).toBe('Waymark');
    return handle;
  }

  function post(channelId: string, text: string) {
    return bot.double.interact(
      bot.double.slash({ name: 'post', options: { channel: { channel: channelId }, text } }),
    );
  }

  function postsIn(channelId: string): string[] {
    return bot.double.messagesIn(channelId).map((message) => message.content);
  }

  describe('the gateway', () => {
    it('GIVEN a resumable drop with an interaction sent meanwhile THEN it RESUMEs, gets the replay and answers it', async () => {
      const { identifies, resumes } = bot.double.gateway;
      const [identifiesBefore, resumesBefore] = [identifies.length, resumes.length];
      bot.double.disconnect({ resumable: true });
      const during = await bot.double.interact(bot.double.slash({ name: 'about' }));
      expect((await during.final()).embeds[0]?.title).toBe('Waymark');
      expect(during.timeToAck).toBeLessThan(3_000);
      expect(identifies).toHaveLength(identifiesBefore);
      expect(resumes).toHaveLength(resumesBefore + 1);
      expect(resumes.at(-1)?.replayed).toBeGreaterThanOrEqual(1);
      await about();
    });

    it.each<[string, 'RESUME' | 'IDENTIFY', (double: TestBot['double']) => void]>([
      ['a non-resumable drop', 'IDENTIFY', (double) => double.disconnect({ resumable: false })],
      ['INVALID_SESSION (resumable)', 'RESUME', (double) => double.invalidSession(true)],
      ['INVALID_SESSION (not resumable)', 'IDENTIFY', (double) => double.invalidSession(false)],
      ['a RECONNECT request', 'RESUME', (double) => double.requestReconnect()],
    ])('GIVEN %s THEN it sends %s and answers the next interaction', async (_fault, expected, inject) => {
      const { identifies, resumes } = bot.double.gateway;
      const identifiesAfter = identifies.length + (expected === 'IDENTIFY' ? 1 : 0);
      const resumesAfter = resumes.length + (expected === 'RESUME' ? 1 : 0);
      inject(bot.double);
      await bot.double.waitFor(() =>
        identifies.length === identifiesAfter && resumes.length === resumesAfter ? true : undefined,
      );
      await bot.double.waitForReady();
      await about();
      expect([identifies.length, resumes.length]).toEqual([identifiesAfter, resumesAfter]);
    });
  });

  describe('REST', () => {
    it('GIVEN a 429 with retry-after on the interaction callback THEN it waits, retries and answers once', async () => {
      bot.double.failNext({ method: 'POST', path: CALLBACK, status: 429, retryAfter: 0.3 });
      const handle = await about();
      expect(callbackAttempts(handle)).toEqual([429, 204]);
      expect(handle.timeToAck).toBeGreaterThanOrEqual(300);
    });

    it('GIVEN a 502 on the interaction callback THEN it retries and answers once', async () => {
      bot.double.failNext({ method: 'POST', path: CALLBACK, status: 502 });
      const handle = await about();
      expect(callbackAttempts(handle)).toEqual([502, 204]);
    });

    it.each<[string, { status: number; retryAfter?: number }, number]>([
      ['a 429 with retry-after', { status: 429, retryAfter: 0.3 }, 300],
      // discord.js retries a 5xx at once, up to 3 times; see the next test for when it gives up.
      ['a 500', { status: 500 }, 0],
    ])('GIVEN %s on a channel post THEN it retries and posts once', async (_fault, fault, waitedMs) => {
      const channel = bot.double.addChannel({ name: 'flaky' });
      const path = `/channels/${channel.id}/messages`;
      bot.double.failNext({ method: 'POST', path, ...fault });
      const handle = await post(channel.id, 'posted once');
      expect((await handle.final()).content).toBe('Posted.');
      const attempts = bot.double.requests.filter((request) => request.path === path);
      expect(attempts.map((request) => request.status)).toEqual([fault.status, 200]);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(waitedMs);
      expect(postsIn(channel.id)).toEqual(['posted once']);
    });

    it('GIVEN a channel post failing with 5xx four times THEN it gives up, posts nothing and tells the member with a reference', async () => {
      const channel = bot.double.addChannel({ name: 'down' });
      const fault = bot.double.failNext({
        method: 'POST',
        path: `/channels/${channel.id}/messages`,
        status: 503,
        times: 10,
      });
      const failuresBefore = bot.ctx.failures.countSince(new Date(0));
      const reply = await (await post(channel.id, 'never posted')).final();
      // discord.js's REST default: 3 retries, so 4 attempts, back to back.
      expect(fault.hits).toBe(4);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/Something went wrong on our side \(ref `[0-9a-f]{8}`\)/);
      expect(postsIn(channel.id)).toEqual([]);
      expect(bot.ctx.failures.countSince(new Date(0))).toBe(failuresBefore + 1);
      await about();
    });

    it('GIVEN work that takes longer than 3 s THEN the bot defers in time and edits the answer in later', async () => {
      const handle = await bot.double.interact(bot.double.slash({ name: 'slow', options: { ms: 3_200 } }));
      const reply = await handle.final({ timeoutMs: 6_000 });
      expect(handle.timeToAck).toBeLessThan(3_000);
      expect(reply.content).toBe('Done.');
      expect(callbackAttempts(handle)).toEqual([204]);
    });

    it('GIVEN Discord answering the callback after the 3 s window THEN the interaction expires, nothing is acknowledged twice and the bot keeps answering', async () => {
      bot.double.failNext({ method: 'POST', path: CALLBACK, delayMs: 3_100 });
      const handle = await bot.double.interact(bot.double.slash({ name: 'about' }));
      // The late callback and the error boundary's attempt to explain both meet 10062 Unknown interaction.
      await vi.waitFor(() => expect(callbackAttempts(handle)).toEqual([404, 404]), { timeout: 6_000 });
      await about();
    });
  });

  describe('what cannot be done is reported, not crashed on', () => {
    it('GIVEN a channel deleted between choosing it and the post (10003) THEN the member is told it no longer exists', async () => {
      const channel = bot.double.addChannel({ name: 'doomed' });
      const payload = bot.double.slash({
        name: 'post',
        options: { channel: { channel: channel.id }, text: 'hello' },
      });
      bot.double.deleteChannel(channel.id);
      const reply = await (await bot.double.interact(payload)).final();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/the channel I needed no longer exists \(ref `[0-9a-f]{8}`\)/);
      expect(reply.allowedMentions?.parse).toEqual([]);
      await about();
    });

    it.each<[string, bigint]>([
      ['lost Send Messages in the channel (50013)', PermissionFlagsBits.ViewChannel],
      ['can no longer see the channel (50001)', 0n],
    ])(
      'GIVEN the bot %s THEN the member is told which channel an admin should fix',
      async (_case, permissions) => {
        const channel = bot.double.addChannel({ name: 'restricted' });
        bot.double.setBotPermissions(channel.id, permissions);
        const reply = await (await post(channel.id, 'hello')).final();
        expect(reply.ephemeral).toBe(true);
        expect(reply.content).toContain(`I'm missing a permission in <#${channel.id}>`);
        expect(postsIn(channel.id)).toEqual([]);
        await about();
      },
    );

    it('GIVEN a member whose DMs are closed (50007) THEN they are told privately why the DM did not come', async () => {
      const { member } = bot.double.users;
      bot.double.closeDms(member.id);
      try {
        const reply = await (await bot.double.interact(bot.double.slash({ name: 'dm' }))).final();
        expect(reply.ephemeral).toBe(true);
        expect(reply.content).toMatch(/your privacy settings block them \(ref `[0-9a-f]{8}`\)/);
        expect(bot.double.dmsTo(member.id)).toEqual([]);
      } finally {
        bot.double.openDms(member.id);
      }
    });
  });
});
