import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupFileName,
  backupTakenAt,
  checkIntegrity,
  isBackupDue,
  listBackups,
  selectExpiredBackups,
  writeBackup,
} from '../../src/db/backup.js';
import { openSqliteDatabase } from '../../src/db/connection.js';
import { checkDatabaseHealth } from '../../src/db/health.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { backupDatabaseJob } from '../../src/jobs.js';
import { fixedClock } from '../../src/shared/clock.js';
import { restartTestBot, startTestBot, type TestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import { ROOT, runScript } from '../support/process.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-26T12:00:00.000Z');

function daysBefore(days: number): Date {
  return new Date(NOW.getTime() - days * DAY_MS);
}

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'waymark-backup-'));
}

/** `npm run db:backup`, as a separate process next to the running bot. */
async function npmRunDbBackup(databasePath: string, backupDir: string): Promise<string> {
  const result = await runScript('src/scripts/backup-database.ts', {
    DATABASE_URL: databasePath,
    BACKUP_DIR: backupDir,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

function countRows(path: string, table: string): number {
  const sqlite = new SQLite(path, { readonly: true });
  try {
    return Number(sqlite.prepare(`select count(*) from ${table}`).pluck().get());
  } finally {
    sqlite.close();
  }
}

describe('backup names, retention and due dates', () => {
  it('GIVEN an instant THEN the backup name sorts by time, has no colon and reads back to the instant', () => {
    const name = backupFileName(NOW);
    expect(name).toBe('waymark-2026-11-26T12-00-00-000Z.sqlite');
    expect(backupTakenAt(name)).toEqual(NOW);
    expect(backupTakenAt('notes.txt')).toBeUndefined();
    expect(backupTakenAt('waymark-2026-11-26T12-00-00-000Z.sqlite.partial')).toBeUndefined();
  });

  it('GIVEN backups over 20 days and a 14-day retention THEN only those older than 14 days go, other files never', () => {
    const names = [0, 1, 7, 13.9, 14.1, 15, 20].map((days) => backupFileName(daysBefore(days)));
    const expired = selectExpiredBackups([...names, 'README.txt'], NOW, 14);
    expect(expired.sort()).toEqual([14.1, 15, 20].map((days) => backupFileName(daysBefore(days))).sort());
  });

  it('GIVEN only backups older than the retention THEN the newest is kept anyway', () => {
    const names = [30, 40].map((days) => backupFileName(daysBefore(days)));
    expect(selectExpiredBackups(names, NOW, 14)).toEqual([backupFileName(daysBefore(40))]);
  });

  it("GIVEN the newest backup's age THEN a daily backup is due from 23 h on, or when there is none", () => {
    expect(isBackupDue([], NOW)).toBe(true);
    expect(isBackupDue([backupFileName(new Date(NOW.getTime() - 22 * 3_600_000))], NOW)).toBe(false);
    expect(isBackupDue([backupFileName(new Date(NOW.getTime() - 23 * 3_600_000))], NOW)).toBe(true);
  });
});

describe('online backup while the bot writes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN writes committing during `npm run db:backup` THEN the backup is intact, self-contained and holds a consistent snapshot', async () => {
    const dir = workDir();
    dirs.push(dir);
    const databasePath = join(dir, 'waymark.sqlite');
    const handle = openSqliteDatabase(databasePath);
    await migrateToLatest(handle.db);
    // Each transaction writes a guild and its member together: a torn copy would show one without the other.
    const writePair = handle.sqlite.transaction((index: number) => {
      const at = new Date(NOW.getTime() + index).toISOString();
      handle.sqlite
        .prepare('insert into guild_settings (guild_id, timezone, updated_at) values (?, null, ?)')
        .run(`guild-${index}`, at);
      handle.sqlite
        .prepare(
          'insert into member_settings (guild_id, user_id, timezone, updated_at) values (?, ?, null, ?)',
        )
        .run(`guild-${index}`, `user-${index}`, at);
    });
    let written = 0;
    for (; written < 500; written += 1) writePair(written);
    const committedBeforeBackup = written;

    let writing = true;
    const writer = (async () => {
      while (writing) {
        writePair(written);
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backupPath = await npmRunDbBackup(databasePath, join(dir, 'backups'));
    writing = false;
    await writer;
    await handle.close();

    expect(backupPath).toMatch(/waymark-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/);
    expect(readdirSync(join(dir, 'backups'))).toEqual([backupPath.split('/').at(-1)]);
    expect(checkIntegrity(backupPath)).toBe('ok');
    const guilds = countRows(backupPath, 'guild_settings');
    expect(guilds).toBe(countRows(backupPath, 'member_settings'));
    expect(guilds).toBeGreaterThanOrEqual(committedBeforeBackup);
    expect(guilds).toBeLessThanOrEqual(written);
    expect(written).toBeGreaterThan(committedBeforeBackup);
    const backup = new SQLite(backupPath, { readonly: true });
    expect(backup.pragma('journal_mode', { simple: true })).toBe('delete');
    backup.close();
  });

  it("GIVEN a transaction left open on the bot's connection (a Kysely transaction awaiting) THEN the backup holds only committed rows", async () => {
    const dir = workDir();
    dirs.push(dir);
    const databasePath = join(dir, 'waymark.sqlite');
    const handle = openSqliteDatabase(databasePath);
    await migrateToLatest(handle.db);
    const insert = handle.sqlite.prepare(
      'insert into guild_settings (guild_id, timezone, updated_at) values (?, null, ?)',
    );
    insert.run('committed', NOW.toISOString());
    handle.sqlite.exec('BEGIN');
    insert.run('uncommitted', NOW.toISOString());
    try {
      const backupPath = await writeBackup(databasePath, join(dir, 'backups'), NOW);
      expect(checkIntegrity(backupPath)).toBe('ok');
      const backup = new SQLite(backupPath, { readonly: true });
      expect(backup.prepare('select guild_id from guild_settings').pluck().all()).toEqual(['committed']);
      backup.close();
    } finally {
      handle.sqlite.exec('ROLLBACK');
      await handle.close();
    }
  });

  it('GIVEN a DATABASE_URL where there is no database THEN `npm run db:backup` says so in one line and creates nothing', async () => {
    const dir = workDir();
    dirs.push(dir);
    const missing = join(dir, 'typo.sqlite');
    const result = await runScript('src/scripts/backup-database.ts', {
      DATABASE_URL: missing,
      BACKUP_DIR: join(dir, 'backups'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`waymark: no database at ${missing} (DATABASE_URL)\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('GIVEN an in-memory database THEN backing it up is refused rather than copying an empty one', async () => {
    await expect(writeBackup(':memory:', join(tmpdir(), 'never-written'), NOW)).rejects.toThrow(
      'an in-memory database cannot be backed up',
    );
  });

  it('GIVEN BACKUP_DAILY=true THEN the bot backs up at start and about daily, and retention prunes what is older', async () => {
    const dir = workDir();
    dirs.push(dir);
    const backupDir = join(dir, 'backups');
    const clock = fixedClock(NOW);
    const bot = await startTestBot({
      clock,
      databasePath: join(dir, 'waymark.sqlite'),
      config: { backupDaily: true, backupDir, backupRetentionDays: 14 },
    });
    try {
      // A backup from a month ago and an operator's notes: the first goes, the second stays.
      writeFileSync(join(backupDir, backupFileName(daysBefore(30))), '');
      writeFileSync(join(backupDir, 'notes.txt'), 'keep me');
      expect(await listBackups(backupDir)).toContain(backupFileName(NOW));

      clock.advance(3_600_000);
      await backupDatabaseJob.run(bot.ctx);
      expect((await listBackups(backupDir)).sort()).toEqual([backupFileName(NOW)]);
      expect(existsSync(join(backupDir, 'notes.txt'))).toBe(true);

      clock.advance(23 * 3_600_000);
      await backupDatabaseJob.run(bot.ctx);
      expect(await listBackups(backupDir)).toHaveLength(2);
      expect(checkIntegrity(join(backupDir, backupFileName(clock.now())))).toBe('ok');
    } finally {
      await bot.stop();
    }
  });
});

describe('the README restore procedure', () => {
  let bot: TestBot | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function guildIds(b: TestBot): Promise<string[]> {
    const rows = await b.ctx.db.selectFrom('guild_settings').select('guild_id').orderBy('guild_id').execute();
    return rows.map((row) => row.guild_id);
  }

  async function addGuild(b: TestBot, guildId: string): Promise<void> {
    await b.ctx.db
      .insertInto('guild_settings')
      .values({ guild_id: guildId, timezone: null, updated_at: NOW.toISOString() })
      .execute();
  }

  it('GIVEN a backup, more writes and a crash THEN restoring as documented brings back the rows as of the backup', async () => {
    dir = workDir();
    const databasePath = join(dir, 'data', 'waymark.sqlite');
    const backupDir = join(dir, 'backups');
    bot = await startTestBot({ databasePath });
    await addGuild(bot, 'before-backup');
    const backupPath = await npmRunDbBackup(databasePath, backupDir);
    await addGuild(bot, 'after-backup');
    // What a crash leaves behind: the write-ahead log holding the later writes.
    const leftoverWal = `${databasePath}-wal.crash`;
    copyFileSync(`${databasePath}-wal`, leftoverWal);

    // 1. Stop the bot.
    await bot.app.stop();
    copyFileSync(leftoverWal, `${databasePath}-wal`);
    // 2. Copy the backup over DATABASE_URL.
    copyFileSync(backupPath, databasePath);
    // 3. Remove the -wal and -shm files next to it.
    rmSync(`${databasePath}-wal`, { force: true });
    rmSync(`${databasePath}-shm`, { force: true });
    // 4. Start the bot.
    await restartTestBot(bot, { databasePath });

    expect(await guildIds(bot)).toEqual(['before-backup']);
    const migrationFiles = readdirSync(join(ROOT, 'migrations')).filter((file) => file.endsWith('.ts'));
    expect((await checkDatabaseHealth(bot.ctx.db)).migrations).toBe(migrationFiles.length);
    expect(checkIntegrity(databasePath)).toBe('ok');
    const reply = await slashReply(bot.double, { name: 'about' });
    expect(reply.embeds[0]?.fields?.find((field) => field.name === 'Database')?.value).toMatch(/^OK/);
  });
});
