import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseTargetFromUrl } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { copyDatabase, formatCounts } from '../db/copy.js';

// npm run db:copy -- --from ./data/waymark.sqlite --to postgres://…
// Moves a community between databases; the bot should be stopped while it runs. Only ever prints
// where the data is (a file, or a server and database), never a URL: it may carry the password.
const handles: DatabaseHandle[] = [];
try {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  });
  if (!values.from || !values.to)
    throw new Error('usage: npm run db:copy -- --from <database> --to <database>');
  const from = databaseTargetFromUrl(values.from, 2, '--from');
  const to = databaseTargetFromUrl(values.to, 2, '--to');
  // A mistyped path must fail, not copy a new empty database.
  if (from.dialect === 'sqlite' && (from.path === ':memory:' || !existsSync(from.path))) {
    throw new Error(`no database at ${from.path} (--from)`);
  }
  const same =
    from.dialect === 'sqlite' && to.dialect === 'sqlite'
      ? resolve(from.path) === resolve(to.path)
      : from.dialect === 'postgres' && to.dialect === 'postgres' && from.url === to.url;
  if (same) throw new Error('--from and --to are the same database');
  const source = openDatabase(from);
  handles.push(source);
  const target = openDatabase(to);
  handles.push(target);
  await source.connect();
  await target.connect();
  const counts = await copyDatabase(source.db, target.db);
  process.stdout.write(`copied ${source.location} → ${target.location}\n${formatCounts(counts)}\n`);
} catch (error) {
  process.stderr.write(`waymark: db:copy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await Promise.all(handles.map((handle) => handle.close()));
}
