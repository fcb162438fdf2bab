import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  DiscordDouble,
} from '@waymark/discord-double';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startTestBot, TEST_TOKEN, type TestBot } from '../support/bot.js';

describe('the welcome posted when Waymark joins a server', () => {
  let double: DiscordDouble;
  let bot: TestBot;
  let dir: string;
  const logged: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
  );
  const start = () =>
    startTestBot({ double, logger, databasePath: join(dir, 'waymark.sqlite'), identifyThrottle: 'none' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-welcome-'));
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    bot = await start();
  });
  afterAll(async () => {
    await bot.stop();
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    double.assertNoUnhandledRequests();
  });

  const about = async () => {
    const reply = await (await double.interact(double.slash({ name: 'about' }))).final();
    expect(reply.embeds[0]?.title).toBe('Waymark');
  };
  /** The log lines about welcoming `guildId`, once the bot got that far. */
  const waitForLog = (guildId: string, message: string) =>
    vi.waitFor(() =>
      expect(logged.some((line) => line.includes(guildId) && line.includes(message))).toBe(true),
    );
  const postsIn = (guildId: string) =>
    double.state.guildChannels(guildId).flatMap((channel) => double.messagesIn(channel.id));

  it('GIVEN Waymark is added to a server THEN it posts the setup checklist once in the system channel, pinging nobody, and never again after reconnects or a restart', async () => {
    const guild = double.addGuild({ name: 'New community' });
    const systemChannelId = guild.systemChannelId!;
    const [welcome] = await double.waitFor(() => {
      const posted = double.messagesIn(systemChannelId);
      return posted.length > 0 ? posted : undefined;
    });
    expect(welcome?.allowedMentions?.parse).toEqual([]);
    expect(welcome?.mentions).toEqual([]);
    const [embed] = welcome?.embeds ?? [];
    expect(embed?.title).toBe('Thanks for adding Waymark');
    const help = double.commandsOf().find((command) => command.name === 'help');
    expect(embed?.description).toContain(`Members: start with </help:${help?.id}>.`);
    const checklist = embed?.fields?.find((field) => field.name === 'Setup checklist for admins');
    expect(checklist?.value.split('\n').map((line) => line.slice(0, 1))).toEqual(['❌', '❌', '❌', '❌']);

    const { identifies, resumes } = double.gateway;
    double.disconnect({ resumable: true });
    await double.waitFor(() => (resumes.length === 1 ? true : undefined));
    double.disconnect({ resumable: false });
    await double.waitFor(() => (identifies.length === 2 ? true : undefined));
    await double.waitForReady();
    await about();

    await bot.stop();
    bot = await start();
    await about();

    expect(postsIn(guild.id)).toHaveLength(1);
    expect(logged.filter((line) => line.includes('welcome posted'))).toHaveLength(1);
  });

  it('GIVEN a server without a system channel THEN nothing is posted, the reason is logged, and the bot keeps answering', async () => {
    const guild = double.addGuild({ name: 'No notices', systemChannel: false });
    await waitForLog(guild.id, 'no system channel');
    expect(postsIn(guild.id)).toEqual([]);
    await about();
  });

  it('GIVEN Waymark may not send messages in the system channel THEN nothing is posted or attempted, and the missing permission is logged', async () => {
    const guild = double.addGuild({
      name: 'Read only',
      // Permissions add up over roles: neither @everyone nor Waymark's own role may send.
      everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
      botPermissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
    });
    await waitForLog(guild.id, 'Send Messages');
    const attempts = double.requests.filter(
      (request) =>
        request.method === 'POST' && request.path === `/channels/${guild.systemChannelId}/messages`,
    );
    expect(attempts).toEqual([]);
    expect(postsIn(guild.id)).toEqual([]);
    await about();
  });
});
