import { defineConfig } from 'vitest/config';

/** Files that spawn real processes: the bot as `npm start` runs it, the npm scripts, SIGKILL. */
const PROCESS = [
  'tests/e2e/process.test.ts',
  'tests/e2e/cluster.test.ts',
  'tests/reliability/crash.test.ts',
  'tests/reliability/backup.test.ts',
  'tests/reliability/shutdown.test.ts',
];

/** Files that start the Discord double, with the real bot (tests/support/bot.ts) or a plain client. */
const E2E = [
  'packages/*/tests/**/*.test.ts',
  'tests/e2e/**/*.test.ts',
  'tests/**/*.e2e.test.ts',
  'tests/digest/digest-commands.test.ts',
  'tests/digest/digest-integration.test.ts',
  'tests/digest/digest-schedule.test.ts',
  'tests/reliability/faults.test.ts',
  'tests/reliability/fuzz-mentions.test.ts',
  'tests/reliability/logs.test.ts',
  'tests/reliability/permission-matrix.test.ts',
  'tests/reliability/rate-limit.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // One worker per core, not Vitest's cores − 1: e2e and process tests spend much of their time
    // waiting on sockets and child processes (on 2 cores: 80 s for the suite instead of 140 s).
    maxWorkers: '100%',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default'],
    // fast and e2e share one module graph per worker instead of importing src/ and discord.js
    // again for every file, which was most of their time: their files mock nothing, stub no
    // globals, and each stops the bot it started. Keep it that way, or give a file its own project.
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['tests/**/*.test.ts'],
          exclude: [...E2E, ...PROCESS],
          isolate: false,
          // startTestBot and the process helpers refuse to run here, so a misfiled test fails loudly.
          env: { WAYMARK_FAST_TESTS: '1' },
        },
      },
      { extends: true, test: { name: 'e2e', include: E2E, exclude: PROCESS, isolate: false } },
      {
        extends: true,
        // Last and alone: these tests time real processes, which other files' load would skew.
        test: {
          name: 'process',
          include: PROCESS,
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/support/build-dist.ts'],
        },
      },
    ],
  },
});
