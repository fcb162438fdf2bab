import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble } from '@waymark/discord-double';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../support/bot.js';
import { type BotProcess, exitOf } from '../support/process.js';
import { seedDueDigestSchedule, startBot } from './crash-harness.js';

/** SIGTERM must stop the process within this, whatever state it is in (a service manager then kills it). */
const SHUTDOWN_LIMIT_MS = 5_000;

describe('shutdown: SIGTERM stops the process within 5 s whatever state it is in', () => {
  let double: DiscordDouble;
  let dir: string;
  let child: BotProcess | undefined;
  const env = () => ({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: double.restUrl,
    DATABASE_URL: join(dir, 'waymark.sqlite'),
  });

  async function start(extra: Record<string, string> = {}, stdout: 'ignore' | 'pipe' = 'ignore') {
    dir = dir ?? mkdtempSync(join(tmpdir(), 'waymark-shutdown-'));
    child = await startBot(double, { ...env(), ...extra }, stdout);
    return child;
  }

  async function stopsInTime(bot: BotProcess): Promise<{ code: number | null; ms: number }> {
    const exited = exitOf(bot);
    bot.kill('SIGTERM');
    const outcome = await exited;
    console.info(`shutdown took ${outcome.ms} ms (exit ${outcome.code})`);
    return outcome;
  }

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
    await double.close();
    rmSync(dir, { recursive: true, force: true });
    dir = undefined as unknown as string;
  });

  it('GIVEN stdout and stderr whose reader went away (EPIPE) THEN it keeps answering and exits 0 in time', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    const bot = await start({ LOG_LEVEL: 'info' }, 'pipe');
    bot.stdout?.destroy();
    bot.stderr?.destroy();
    // Every interaction logs: each write now meets a closed pipe.
    const handle = await double.interact(double.slash({ name: 'about' }));
    expect((await handle.final()).embeds[0]?.title).toBe('Waymark');
    const { code, ms } = await stopsInTime(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
  });

  it('GIVEN Discord unreachable THEN it exits in time', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    const bot = await start();
    await double.close();
    const { ms } = await stopsInTime(bot);
    expect(ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
    double = await DiscordDouble.start({ token: TEST_TOKEN });
  });

  it('GIVEN a digest post Discord is slow to answer THEN it exits in time (the claim is recovered at the next start)', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'waymark-shutdown-'));
    const channelId = double.channels.progress.id;
    await seedDueDigestSchedule(double, join(dir, 'waymark.sqlite'), new Date());
    const postPath = `/channels/${channelId}/messages`;
    double.failNext({ method: 'POST', path: postPath, delayMs: 30_000 });
    const bot = await start();
    await double.waitFor(
      () => double.requests.find((request) => request.method === 'POST' && request.path === postPath),
      { timeoutMs: 15_000, description: 'the digest was never posted' },
    );
    const { ms } = await stopsInTime(bot);
    expect(ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
  });
});
