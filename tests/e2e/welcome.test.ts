import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from '@waymark/discord-double';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { restartTestBot, type TestBotOptions, useTestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import { captureLogs } from '../support/logs.js';

describe('the welcome posted when Waymark joins a server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-welcome-'));
  // Registered before the bot's own hooks, so it runs after the bot has stopped.
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const logs = captureLogs('info');
  const options: TestBotOptions = {
    logger: logs.logger,
    databasePath: join(dir, 'waymark.sqlite'),
    identifyThrottle: 'none',
  };
  const bot = useTestBot(options);

  const about = async () => {
    const reply = await slashReply(bot.double, { name: 'about' });
    expect(reply.embeds[0]?.title).toBe('Waymark');
  };
  /** The log lines about welcoming `guildId`, once the bot got that far. */
  const waitForLog = (guildId: string, message: string) =>
    vi.waitFor(() =>
      expect(logs.lines().some((line) => line.includes(guildId) && line.includes(message))).toBe(true),
    );
  const postsIn = (guildId: string) =>
    bot.double.state.guildChannels(guildId).flatMap((channel) => bot.double.messagesIn(channel.id));

  it('GIVEN Waymark is added to a server THEN it posts the setup checklist once in the system channel, pinging nobody, and never again after reconnects or a restart', async () => {
    const guild = bot.double.addGuild({ name: 'New community' });
    const systemChannelId = guild.systemChannelId!;
    const [welcome] = await bot.double.waitFor(() => {
      const posted = bot.double.messagesIn(systemChannelId);
      return posted.length > 0 ? posted : undefined;
    });
    expect(welcome?.allowedMentions?.parse).toEqual([]);
    expect(welcome?.mentions).toEqual([]);
    const [embed] = welcome?.embeds ?? [];
    expect(embed?.title).toBe('Thanks for adding Waymark');
    const help = bot.double.commandsOf().find((command) => command.name === 'help');
    expect(embed?.description).toContain(`Members: start with </help:${help?.id}>.`);
    const checklist = embed?.fields?.find((field) => field.name === 'Setup checklist for admins');
    expect(checklist?.value.split('\n').map((line) => line.slice(0, 1))).toEqual(['❌', '❌', '❌', '❌']);

    const { identifies, resumes } = bot.double.gateway;
    bot.double.disconnect({ resumable: true });
    await bot.double.waitFor(() => (resumes.length === 1 ? true : undefined));
    bot.double.disconnect({ resumable: false });
    await bot.double.waitFor(() => (identifies.length === 2 ? true : undefined));
    await bot.double.waitForReady();
    await about();

    await restartTestBot(bot, options);
    await about();

    expect(postsIn(guild.id)).toHaveLength(1);
    expect(logs.lines().filter((line) => line.includes('welcome posted'))).toHaveLength(1);
  });

  it('GIVEN a server without a system channel THEN nothing is posted, the reason is logged, and the bot keeps answering', async () => {
    const guild = bot.double.addGuild({ name: 'No notices', systemChannel: false });
    await waitForLog(guild.id, 'no system channel');
    expect(postsIn(guild.id)).toEqual([]);
    await about();
  });

  it('GIVEN Waymark may not send messages in the system channel THEN nothing is posted or attempted, and the missing permission is logged', async () => {
    const guild = bot.double.addGuild({
      name: 'Read only',
      // Permissions add up over roles: neither @everyone nor Waymark's own role may send.
      everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
      botPermissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.SendMessages,
    });
    await waitForLog(guild.id, 'Send Messages');
    const attempts = bot.double.requests.filter(
      (request) =>
        request.method === 'POST' && request.path === `/channels/${guild.systemChannelId}/messages`,
    );
    expect(attempts).toEqual([]);
    expect(postsIn(guild.id)).toEqual([]);
    await about();
  });
});
