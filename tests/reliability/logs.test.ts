import {
  ApplicationCommandOptionType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { aboutCommand } from '../../commands/about.js';
import { defineCommand } from '../../src/discord/command.js';
import { startTestBot, TEST_TOKEN } from '../support/bot.js';
import { captureLogs } from '../support/logs.js';
import { postCommand } from './test-commands.js';

const MEMBER_TEXT = 'my-private-note-7f3a';

/** Reads what a member wrote, then fails unexpectedly: the worst case for what ends up in logs. */
const explodeCommand = defineCommand(
  {
    name: 'explode',
    description: 'fails after reading member text',
    contexts: [InteractionContextType.Guild],
    options: [
      { type: ApplicationCommandOptionType.String, name: 'text', description: 'what', required: true },
    ],
  },
  {
    async execute(interaction) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      throw new Error('the database is on fire');
    },
  },
);

describe('what the bot logs', () => {
  it('GIVEN startup, interactions, Discord REST failures, an unexpected error and shutdown THEN no token and no member text is ever logged', async () => {
    const logs = captureLogs('trace');
    const bot = await startTestBot({
      commands: [aboutCommand, postCommand, explodeCommand],
      logger: logs.logger,
    });
    const { double } = bot;
    const interactionTokens: string[] = [];
    const send = async (payload: ReturnType<typeof double.slash>) => {
      interactionTokens.push(payload.token);
      return (await double.interact(payload)).final();
    };
    try {
      await send(double.slash({ name: 'about' }));

      // Discord refuses the post (50013): the DiscordAPIError carries the request body.
      const locked = double.addChannel({ name: 'locked' });
      double.setBotPermissions(locked.id, PermissionFlagsBits.ViewChannel);
      await send(
        double.slash({ name: 'post', options: { channel: { channel: locked.id }, text: MEMBER_TEXT } }),
      );

      // Discord keeps failing (5xx): discord.js gives up with an HTTPError carrying the request body.
      const down = double.addChannel({ name: 'down' });
      double.failNext({ method: 'POST', path: `/channels/${down.id}/messages`, status: 502, times: 4 });
      await send(
        double.slash({ name: 'post', options: { channel: { channel: down.id }, text: MEMBER_TEXT } }),
      );

      // An unexpected error, and then telling the member fails too: that error's URL holds the interaction token.
      double.failNext({
        method: 'PATCH',
        path: /^\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/,
        status: 404,
      });
      const exploded = await double.interact(
        double.slash({ name: 'explode', options: { text: MEMBER_TEXT } }),
      );
      interactionTokens.push(exploded.payload.token);
      await vi.waitFor(
        () => expect(logs.lines().join('\n')).toContain('could not report an error to the member'),
        { timeout: 5_000 },
      );
    } finally {
      await bot.stop();
    }

    const lines = logs.lines();
    const records = lines.map(
      (line) => JSON.parse(line) as { msg: string; err?: { type?: string; url?: string; code?: number } },
    );
    const messages = records.map((record) => record.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'database migrated',
        'connected to Discord',
        'interaction failed',
        'could not report an error to the member',
        'stopped',
      ]),
    );
    expect(records.filter((record) => record.err).map((record) => record.err?.type)).toEqual(
      expect.arrayContaining(['DiscordAPIError', 'HTTPError', 'Error']),
    );
    // What helps an operator stays: the error, Discord's code, the route without its secret.
    const unreported = records.find((record) => record.msg === 'could not report an error to the member');
    expect(unreported?.err?.url).toMatch(/\/webhooks\/\d+\/\[redacted\]\/messages\/%40original$/);
    expect(records.find((record) => record.err?.code === 50013)?.err?.url).toMatch(
      /\/channels\/\d+\/messages$/,
    );
    const everything = lines.join('\n');
    expect(everything).not.toContain(TEST_TOKEN);
    expect(everything).not.toContain(MEMBER_TEXT);
    for (const token of interactionTokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(encodeURIComponent(token));
    }
  });
});
