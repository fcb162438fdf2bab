import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiscordDouble } from '@waymark/discord-double';
import type { BenchResult } from './bench-utils.js';
import { buildWaymark } from './load-bots.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = 'bench-token';
const RUNS = 5;

/**
 * Wall time from spawning the process exactly as `npm start` does once built to the double sending
 * READY, with a fresh database each run (so migrations are included).
 */
async function timeToReady(double: DiscordDouble): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: double.restUrl,
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'waymark-bench-')), 'waymark.sqlite'),
    },
    stdio: 'ignore',
  });
  const identifiesBefore = double.gateway.identifies.length;
  await double.waitFor(() => (double.gateway.identifies.length > identifiesBefore ? true : undefined), {
    timeoutMs: 20_000,
  });
  await double.waitForReady(20_000);
  const elapsed = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

export async function runStartupBenchmarks(): Promise<BenchResult[]> {
  buildWaymark();
  const double = await DiscordDouble.start({ token: TOKEN });
  try {
    const durations: number[] = [];
    for (let run = 0; run < RUNS; run += 1) durations.push(await timeToReady(double));
    durations.sort((a, b) => a - b);
    return [
      {
        name: 'process start → gateway READY (npm start, fresh database)',
        iterations: RUNS,
        medianMs: durations[Math.floor(RUNS / 2)] ?? Number.NaN,
        p95Ms: durations.at(-1) ?? Number.NaN,
      },
    ];
  } finally {
    await double.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runStartupBenchmarks());
}
