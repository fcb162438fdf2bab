import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble } from '@waymark/discord-double';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../support/bot.js';
import { exitOf, runScript, startBotProcess } from '../support/process.js';

describe('the bot as a process (npm start)', () => {
  let double: DiscordDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
  });

  it('GIVEN no token THEN it exits 1 within 5 s with one line naming DISCORD_TOKEN', async () => {
    const child = startBotProcess({});
    const { code, ms } = await exitOf(child);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(5_000);
    const lines = child.stderrText().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DISCORD_TOKEN');
    expect(lines[0]).toContain('.env.example');
  });

  it.each([
    [
      'a URL of another database',
      'mysql://waymark:s3cret@127.0.0.1/waymark',
      'DATABASE_URL must be a SQLite file path',
    ],
    // Port 1: nothing listens there, so the connection is refused at once.
    [
      'a PostgreSQL server that is not there',
      'postgres://waymark:s3cret@127.0.0.1:1/waymark',
      'cannot reach PostgreSQL at 127.0.0.1:1/waymark',
    ],
  ])(
    'GIVEN %s THEN it exits 1 with one line naming the problem, never the password',
    async (_, url, problem) => {
      const child = startBotProcess({ DISCORD_TOKEN: TEST_TOKEN, DATABASE_URL: url });
      const { code } = await exitOf(child);
      expect(code).toBe(1);
      const lines = child.stderrText().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(problem);
      expect(lines[0]).not.toContain('s3cret');
    },
  );

  it('GIVEN a token and a Discord double THEN it connects, answers /about within 3 s and exits 0 on SIGTERM', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    const child = startBotProcess({
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: double.restUrl,
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'waymark-process-')), 'data', 'waymark.sqlite'),
    });
    const exited = exitOf(child);
    await double.waitForReady(15_000);
    await double.waitFor(() => double?.commandsOf().find((command) => command.name === 'about'), {
      timeoutMs: 15_000,
    });

    const handle = await double.interact(double.slash({ name: 'about' }));
    const reply = await handle.final();
    expect(handle.timeToAck).toBeLessThan(3_000);
    expect(reply.embeds[0]?.title).toBe('Waymark');

    const killedAt = Date.now();
    child.kill('SIGTERM');
    const { code } = await exited;
    expect(code).toBe(0);
    // Timed from SIGTERM: `exited` was taken at spawn (to catch an early crash), so its `ms` also
    // counts the start-up, which a loaded machine can stretch past 5 s on its own.
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    double.assertNoUnhandledRequests();
  });

  it('GIVEN npm run commands:deploy twice THEN the commands are registered once and then left alone', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: double.restUrl, LOG_LEVEL: 'silent' };
    const first = await runScript('src/scripts/deploy-commands.ts', env);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^updated: \d+ commands \(global\)/),
    });
    const second = await runScript('src/scripts/deploy-commands.ts', env);
    expect(second).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^unchanged: \d+ commands \(global\)/),
    });
    expect(double.commandPuts.global).toBe(1);
    double.assertNoUnhandledRequests();
  });

  it('GIVEN npm run db:migrate on a new database file THEN it creates and migrates it, and a second run does nothing', async () => {
    const env = {
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'waymark-migrate-')), 'new', 'waymark.sqlite'),
    };
    const first = await runScript('src/scripts/migrate.ts', env);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^applied: 2026-11-26-001-foundation, /),
    });
    expect(await runScript('src/scripts/migrate.ts', env)).toMatchObject({
      code: 0,
      stdout: 'database already up to date\n',
    });
  });
});
