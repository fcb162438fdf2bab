import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { loadStorageConfig } from '../config.js';
import { checkIntegrity, dumpPostgres, writeBackup } from '../db/backup.js';

// Backing up needs only the database, so this does not ask for a Discord token; it runs
// safely next to the bot (SQLite's online backup API reads a consistent snapshot, as pg_dump does).
loadDotenv({ quiet: true });

async function backUp(): Promise<string> {
  const { database, backupDir } = loadStorageConfig(process.env);
  if (database.dialect === 'postgres') return dumpPostgres(database.url, backupDir, new Date());
  const databasePath = database.path;
  // A mistyped DATABASE_URL must fail, not back up a new empty database.
  if (!existsSync(databasePath)) throw new Error(`no database at ${databasePath} (DATABASE_URL)`);
  const path = await writeBackup(databasePath, backupDir, new Date());
  const integrity = checkIntegrity(path);
  if (integrity !== 'ok') throw new Error(`the backup ${path} failed its integrity check: ${integrity}`);
  return path;
}

try {
  process.stdout.write(`${await backUp()}\n`);
} catch (error) {
  process.stderr.write(`waymark: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
