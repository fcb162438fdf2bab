import { PRIVILEGED_INTENTS } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../commands/index.js';
import { restartTestBot, startTestBot, useTestBot } from '../support/bot.js';
import { TEST_DIALECT } from '../support/postgres.js';

describe('the bot against the Discord double', () => {
  const bot = useTestBot();

  it('GIVEN a fresh start THEN it identified with non-privileged intents and registered every command once', () => {
    const identify = bot.double.gateway.identifies.at(-1);
    expect(identify).toBeDefined();
    expect((identify?.intents ?? 0) & PRIVILEGED_INTENTS).toBe(0);
    expect(
      bot.double
        .commandsOf()
        .map((command) => command.name)
        .sort(),
    ).toEqual(COMMAND_DEFINITIONS.map((definition) => definition.name).sort());
    expect(bot.double.commandPuts.global).toBe(1);
  });

  it('GIVEN /about THEN the member privately sees version, uptime, ping, database and servers, within 3 s', async () => {
    const handle = await bot.double.interact(bot.double.slash({ name: 'about' }));
    const reply = await handle.final();
    expect(handle.timeToAck).toBeLessThan(3_000);
    expect(reply.ephemeral).toBe(true);
    const fields = Object.fromEntries(
      (reply.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields.Version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fields['Up since']).toMatch(/<t:\d+:f>/);
    expect(fields.Database).toMatch(/^OK · .* · \d+ migrations$/);
    // The location never holds the URL's password: tests/core/postgres-connection.test.ts.
    expect(fields['Stored in']).toMatch(
      TEST_DIALECT === 'sqlite'
        ? /^SQLite · in memory$/
        : /^PostgreSQL · `[^`]+\/waymark_test_\w+` · pool: [0-4] in use, [0-4] idle of 4$/,
    );
    expect(fields.Servers).toBe('1');
    expect(fields['Failures (last hour)']).toBe('0');
    expect(fields['Posts to deliver']).toBe('0 pending · 0 failed');
    expect(reply.allowedMentions?.parse).toEqual([]);
  });
});

describe('restarting against the same Discord', () => {
  it('GIVEN commands already registered and unchanged THEN a restart does not overwrite them', async () => {
    const bot = await startTestBot();
    try {
      await restartTestBot(bot);
      expect(bot.double.commandPuts.global).toBe(1);
    } finally {
      await bot.stop();
    }
  });
});
