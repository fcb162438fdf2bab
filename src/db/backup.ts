import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseTarget } from './connection.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** better-sqlite3's largest step size; SQLite's "copy everything left". */
const ALL_REMAINING_PAGES = 0x7fffffff;
const BACKUP_NAME = /^waymark-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.(sqlite|dump)$/;

/**
 * `waymark-2026-11-26T10-24-19-123Z.sqlite` (a `.dump` from pg_dump on PostgreSQL): sorts by
 * time, and has no ':' so any file system takes it.
 */
export function backupFileName(at: Date, extension: 'sqlite' | 'dump' = 'sqlite'): string {
  return `waymark-${at.toISOString().replace(/[:.]/g, '-')}.${extension}`;
}

/** When a backup was taken, from its name; undefined for any other file. */
export function backupTakenAt(name: string): Date | undefined {
  const match = BACKUP_NAME.exec(name);
  if (!match) return undefined;
  const [, date, hours, minutes, seconds, millis] = match;
  const at = new Date(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function newestFirst(names: readonly string[]): { name: string; at: Date }[] {
  return names
    .flatMap((name) => {
      const at = backupTakenAt(name);
      return at ? [{ name, at }] : [];
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/**
 * The backups retention removes: taken more than `retentionDays` before `now`. The newest
 * backup is always kept, so a bot that was down for a month still has one; files that are
 * not Waymark backups are never selected.
 */
export function selectExpiredBackups(names: readonly string[], now: Date, retentionDays: number): string[] {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  return newestFirst(names)
    .slice(1)
    .filter((backup) => backup.at.getTime() < cutoff)
    .map((backup) => backup.name);
}

/**
 * A daily backup is due when the newest is about a day old. The hour of slack lets an hourly
 * check keep backups at the same time of day instead of drifting by a run each day.
 */
export function isBackupDue(names: readonly string[], now: Date): boolean {
  const newest = newestFirst(names)[0];
  return !newest || now.getTime() - newest.at.getTime() >= DAY_MS - HOUR_MS;
}

/**
 * Writes a consistent copy of the database file at `databasePath` with SQLite's online backup
 * API, while the bot keeps running. The copy is read through a connection of its own: on the
 * bot's connection, a Kysely transaction open across an `await` would make the backup copy
 * garbage without an error. All pages are copied in one step, which reads one committed
 * snapshot; in WAL mode that never blocks writers, while writes from another connection
 * would restart a copy made in small steps, possibly forever. The step takes about 8 ms per
 * MB (22 MB: ~180 ms). The copy is switched out of WAL mode so it is one self-contained file,
 * and written under a temporary name then renamed, so a crash never leaves a half-written
 * file that looks like a backup.
 */
export async function writeBackup(databasePath: string, directory: string, at: Date): Promise<string> {
  // A second connection to ':memory:' would open a new, empty database and back that up.
  if (databasePath === ':memory:') throw new Error('an in-memory database cannot be backed up');
  await mkdir(directory, { recursive: true });
  const path = join(directory, backupFileName(at));
  const partial = `${path}.partial`;
  await rm(partial, { force: true });
  const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(partial, { progress: () => ALL_REMAINING_PAGES });
  } finally {
    source.close();
  }
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  await rename(partial, path);
  return path;
}

/** Backups here are copies of the SQLite file; a PostgreSQL server is backed up by its own tools. */
export const POSTGRES_BACKUP_ADVICE =
  'on PostgreSQL, back up with pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > waymark.dump): it is not installed here';

/**
 * A PostgreSQL database's backup, taken by `pg_dump` in its custom format (restored with
 * `pg_restore`), under a temporary name then renamed as the SQLite copy is. The password goes to
 * pg_dump through its environment, never on its command line, where `ps` would show it. Without
 * pg_dump on the PATH the error is the advice to install and run it.
 */
export async function dumpPostgres(url: string, directory: string, at: Date): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, backupFileName(at, 'dump'));
  const partial = `${path}.partial`;
  const withoutPassword = new URL(url);
  const password = decodeURIComponent(withoutPassword.password);
  withoutPassword.password = '';
  const dump = spawn('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${withoutPassword}`], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  dump.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    dump.once('error', reject);
    dump.once('exit', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Error(POSTGRES_BACKUP_ADVICE);
    throw error;
  });
  if (code !== 0) {
    await rm(partial, { force: true });
    const reason =
      stderr
        .trim()
        .split('\n')[0]
        ?.replace(/^pg_dump: (error: )?/, '') || `exit code ${code}`;
    throw new Error(`pg_dump failed: ${reason}`);
  }
  await rename(partial, path);
  return path;
}

/** The backup for the database the bot runs on: a copy of the SQLite file, or a pg_dump. */
export async function backupDatabase(target: DatabaseTarget, directory: string, at: Date): Promise<string> {
  if (target.dialect === 'postgres') return dumpPostgres(target.url, directory, at);
  return writeBackup(target.path, directory, at);
}

/** `PRAGMA integrity_check` of a database file: `'ok'` or SQLite's first complaint. */
export function checkIntegrity(path: string): string {
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return String(sqlite.pragma('integrity_check', { simple: true }));
  } finally {
    sqlite.close();
  }
}

/** Waymark backup files in `directory` (none when it does not exist yet). */
export async function listBackups(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.filter((name) => backupTakenAt(name) !== undefined);
}

export async function deleteBackups(directory: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(join(directory, name), { force: true })));
}
