import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Files that spawn real processes: the bot as `npm start` runs it, the npm scripts, SIGKILL. */
const PROCESS = [
  'tests/e2e/process.test.ts',
  'tests/e2e/cluster.test.ts',
  'tests/e2e/cluster-postgres.test.ts',
  'tests/reliability/crash.test.ts',
  'tests/reliability/backup.test.ts',
  'tests/reliability/database-scripts.test.ts',
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

/**
 * The fast project's files that use a database (they take it from tests/support/database.ts or
 * postgres.ts): the ones the PostgreSQL half runs again. The rest are pure and dialect-free.
 */
const DATABASE_TESTS = readdirSync('tests', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.endsWith('.e2e.test.ts'))
  .map((file) => `tests/${file}`)
  .filter((file) => !PROCESS.includes(file))
  .filter((file) => /support\/(database|postgres)\.js'/.test(readFileSync(file, 'utf8')));

/**
 * The PostgreSQL half: every database test and every end-to-end test again, on a server that
 * scripts/with-postgres.sh starts (`npm run test:pg`), after the SQLite half, so the timed
 * end-to-end tests of each half share the machine only with their own. Each project migrates a template database
 * of its own once; every test database is a copy of it.
 */
function postgresProjects(): TestProjectInlineConfiguration[] {
  if (!process.env.WAYMARK_TEST_POSTGRES_URL) {
    // Vitest loads this file once per project: say it once.
    if (!process.env.WAYMARK_POSTGRES_SKIP_SAID) {
      process.env.WAYMARK_POSTGRES_SKIP_SAID = '1';
      console.log(
        'PostgreSQL half and the many-machines test skipped (no WAYMARK_TEST_POSTGRES_URL): npm run test:pg runs both dialects',
      );
    }
    return [];
  }
  const postgres = (project: string) => ({
    WAYMARK_TEST_DIALECT: 'postgres',
    WAYMARK_TEST_TEMPLATE: `waymark_test_template_${project.replace('-', '_')}`,
  });
  return [
    {
      extends: true,
      test: {
        name: 'fast-pg',
        include: DATABASE_TESTS,
        // End-to-end and process files may import the same support: they run in e2e-pg, or on SQLite only.
        exclude: [...E2E, ...PROCESS],
        sequence: { groupOrder: 1 },
        isolate: false,
        env: { WAYMARK_FAST_TESTS: '1', ...postgres('fast-pg') },
        globalSetup: ['tests/support/postgres-template.ts'],
      },
    },
    {
      extends: true,
      test: {
        name: 'e2e-pg',
        include: E2E,
        sequence: { groupOrder: 1 },
        exclude: PROCESS,
        isolate: false,
        env: postgres('e2e-pg'),
        globalSetup: ['tests/support/postgres-template.ts'],
      },
    },
  ];
}

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
      ...postgresProjects(),
      {
        extends: true,
        // Last and alone: these tests time real processes, which other files' load would skew.
        test: {
          name: 'process',
          include: PROCESS,
          sequence: { groupOrder: 2 },
          // A test here starts several Node processes one after another (each loading discord.js,
          // some under tsx): seconds each on a quiet machine, four times that on a busy CI runner.
          // What they assert is never a duration, so the limit only has to catch a hang.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['tests/support/build-dist.ts'],
        },
      },
    ],
  },
});
