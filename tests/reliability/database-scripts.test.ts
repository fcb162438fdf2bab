import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups, POSTGRES_BACKUP_ADVICE } from '../../src/db/backup.js';
import { openPostgresDatabase, openSqliteDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/postgres.js';
import { runScript } from '../support/process.js';
import { seedRoadmap } from '../support/roadmap.js';

const PASSWORD = 's3cret-pw';
const HAS_SERVER = Boolean(process.env.WAYMARK_TEST_POSTGRES_URL);

/** The test server's URL for `name`, with a password in it as an operator's would have (the server trusts the socket). */
function urlWithPassword(name: string): string {
  const socket = new URL(databaseUrl(name));
  return `postgresql://waymark:${PASSWORD}@localhost/${name}?host=${socket.searchParams.get('host')}`;
}

const dir = mkdtempSync(join(tmpdir(), 'waymark-db-scripts-'));
const databases: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(databases.map((name) => dropDatabase(name)));
});

async function emptyPostgresDatabase(): Promise<string> {
  const name = await createEmptyDatabase();
  databases.push(name);
  return name;
}

const copy = (...args: string[]) => runScript('src/scripts/copy-database.ts', {}, args);

describe('npm run db:copy', () => {
  const source = join(dir, 'source.sqlite');
  beforeAll(async () => {
    const handle = openSqliteDatabase(source);
    await migrateToLatest(handle.db);
    await seedRoadmap(handle.db, {
      guildId: '900000000000000001',
      createdBy: '800000000000000001',
      now: new Date('2026-11-25T10:00:00Z'),
      phases: { Basics: ['Variables', 'Loops'] },
    });
    await handle.close();
  });

  it('GIVEN an empty target file THEN it prints where it copied and the counts as a table, then refuses a second copy in one line', async () => {
    const target = join(dir, 'copy.sqlite');
    const first = await copy('--from', source, '--to', target);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`copied ${source} → ${target}`);
    expect(lines[1]).toMatch(/^table\s+source\s+target$/);
    expect(lines).toContainEqual(expect.stringMatching(/^roadmap_items\s+2\s+2$/));
    expect(lines.at(-1)).toMatch(/^total\s+(\d+)\s+\1$/);

    const again = await copy('--from', source, '--to', target);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^waymark: db:copy: the target database is not empty \(.*\); db:copy copies only into an empty one\n$/,
    );
  });

  it('GIVEN a mistyped source, a missing argument or the same database twice THEN one line says so and nothing is created', async () => {
    const missing = join(dir, 'nowhere.sqlite');
    const cases: [string[], string][] = [
      [['--from', missing, '--to', join(dir, 'never.sqlite')], `no database at ${missing} (--from)`],
      [['--from', source], 'usage: npm run db:copy -- --from <database> --to <database>'],
      [['--from', source, '--to', source], '--from and --to are the same database'],
      [
        ['--from', source, '--to', 'mysql://db/x'],
        '--to must be a SQLite file path, a file: URL or a postgres:// URL',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await copy(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(`waymark: db:copy: ${message}\n`);
    }
    expect(() => readFileSync(join(dir, 'never.sqlite'))).toThrow();
  });

  it.skipIf(!HAS_SERVER)(
    'GIVEN an empty PostgreSQL database THEN it copies into it and names the server and database, never the password',
    async () => {
      const name = await emptyPostgresDatabase();
      const result = await copy('--from', source, '--to', urlWithPassword(name));
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n')[0]).toBe(`copied ${source} → localhost/${name}`);
      expect(result.stdout).not.toContain(PASSWORD);
      const again = await copy('--from', source, '--to', urlWithPassword(name));
      expect(again.stderr).toContain('the target database is not empty');
      expect(again.stderr).not.toContain(PASSWORD);
    },
  );
});

describe('npm run db:backup on PostgreSQL', () => {
  it('GIVEN no pg_dump on the PATH THEN one line says pg_dump is the tool, without the password', async () => {
    const result = await runScript('src/scripts/backup-database.ts', {
      PATH: join(dir, 'no-such-folder'),
      DATABASE_URL: `postgres://waymark:${PASSWORD}@127.0.0.1:1/waymark`,
      BACKUP_DIR: join(dir, 'no-pg-dump'),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`waymark: ${POSTGRES_BACKUP_ADVICE}\n`);
  });

  it.skipIf(!HAS_SERVER)(
    'GIVEN pg_dump THEN it writes a custom-format dump to the backups folder and prints its path',
    async () => {
      const name = await emptyPostgresDatabase();
      const handle = openPostgresDatabase(databaseUrl(name), 1);
      await migrateToLatest(handle.db);
      await handle.close();
      const backupDir = join(dir, 'backups');
      const result = await runScript('src/scripts/backup-database.ts', {
        DATABASE_URL: urlWithPassword(name),
        BACKUP_DIR: backupDir,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const path = result.stdout.trim();
      expect(path).toMatch(/waymark-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.dump$/);
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('PGDMP');
      expect(await listBackups(backupDir)).toEqual([path.slice(backupDir.length + 1)]);
    },
  );
});
