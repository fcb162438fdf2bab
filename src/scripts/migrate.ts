import { config as loadDotenv } from 'dotenv';
import { loadStorageConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { listMarkedDuplicates } from '../db/marked-duplicates.js';
import { migrateToLatest } from '../db/migrator.js';

// Migrating needs only the database, so this does not ask for a Discord token.
loadDotenv({ quiet: true });
let handle: ReturnType<typeof openDatabase> | undefined;
try {
  handle = openDatabase(loadStorageConfig(process.env).database);
  await handle.connect();
  const ran = await migrateToLatest(handle.db);
  process.stdout.write(ran.length > 0 ? `applied: ${ran.join(', ')}\n` : 'database already up to date\n');
  for (const duplicate of ran.length > 0 ? await listMarkedDuplicates(handle.db) : []) {
    process.stdout.write(
      `kept duplicate: ${duplicate.table} ${duplicate.id} repeats ${duplicate.duplicateOf} (server ${duplicate.guildId})\n`,
    );
  }
} catch (error) {
  process.stderr.write(`waymark: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await handle?.close();
}
