import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openPostgresDatabase, openSqliteDatabase } from '../src/db/connection.js';
import { copyDatabase } from '../src/db/copy.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { inTransaction } from '../src/db/transaction.js';
import { checkItem } from '../src/roadmaps/check-item.js';
import { listActiveItems } from '../src/roadmaps/followed-roadmap.js';
import { parseRoadmap } from '../src/roadmaps/parse-roadmap.js';
import { createRoadmap } from '../src/roadmaps/store-roadmap.js';
import { measure } from './bench-utils.js';
import { buildBenchDigest, seedBenchDigestDatabase } from './digest.bench.js';

const CHECKS = 2_000;
const MEMBERS = 100;
const ITEMS = 200;
const IN_FLIGHT = 16;
const AT = new Date('2026-11-26T10:00:00.000Z');

export interface DialectRow {
  name: string;
  sqlite: string;
  postgres: string;
}

/**
 * `/check`'s write (status, event, streak and phase tally in one transaction, as the command runs
 * it) `CHECKS` times over `MEMBERS` members of a 200-item roadmap, with `inFlight` at once; checks
 * per second. SQLite has one connection, so its checks queue; PostgreSQL's pool runs them side by side.
 */
async function checksPerSecond(handle: DatabaseHandle, guildId: string, inFlight: number): Promise<number> {
  const markdown = `# Bench\n\n## Basics\n${Array.from({ length: ITEMS }, (_, index) => `- [ ] Item ${index}`).join('\n')}`;
  const { roadmap } = await createRoadmap(handle.db, {
    guildId,
    userId: 'admin',
    name: 'bench',
    source: 'bench.md',
    parsed: parseRoadmap(markdown),
    at: AT,
    defaultTimezone: 'UTC',
  });
  const items = await listActiveItems(handle.db, roadmap.id);
  let next = 0;
  const worker = async () => {
    for (let check = next++; check < CHECKS; check = next++) {
      const item = items[Math.floor(check / MEMBERS) % items.length];
      if (!item) throw new Error('no item');
      await inTransaction(handle.db, (trx) =>
        checkItem(trx, {
          guildId,
          userId: `member-${check % MEMBERS}`,
          item,
          status: 'done',
          note: null,
          link: null,
          at: AT,
          defaultTimezone: 'UTC',
        }),
      );
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return CHECKS / ((performance.now() - started) / 1000);
}

/** A new database on the server `url` points at; dropped by the returned function. */
async function createBenchDatabase(
  url: string,
  purpose: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `waymark_bench_${purpose}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const database = new URL(url);
  database.pathname = `/${name}`;
  return {
    url: database.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-US')} /s`;
const timing = (result: { medianMs: number; p95Ms: number }) =>
  `${result.medianMs.toFixed(1)} ms (p95 ${result.p95Ms.toFixed(1)})`;

/**
 * `/check` writes per second and the 1,000,000-event digest build, on a SQLite file (WAL, as in
 * production) and on the PostgreSQL server at `postgresUrl`, side by side. The digest's history is
 * seeded into SQLite and moved with db:copy, which is timed too.
 */
export async function runDialectBenchmarks(postgresUrl: string): Promise<DialectRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'waymark-dialects-bench-'));
  const server = await createBenchDatabase(postgresUrl, 'checks');
  const sqlite = openSqliteDatabase(join(folder, 'checks.sqlite'));
  const postgres = openPostgresDatabase(server.url, IN_FLIGHT);
  try {
    await migrateToLatest(sqlite.db);
    await migrateToLatest(postgres.db);
    const rows: DialectRow[] = [];
    for (const inFlight of [1, IN_FLIGHT]) {
      rows.push({
        name: `/check writes, ${inFlight} at a time (${CHECKS.toLocaleString('en-US')} checks, ${MEMBERS} members)`,
        sqlite: rate(await checksPerSecond(sqlite, `checks-${inFlight}`, inFlight)),
        postgres: rate(await checksPerSecond(postgres, `checks-${inFlight}`, inFlight)),
      });
    }
    await postgres.close();

    const history = await seedBenchDigestDatabase(join(folder, 'digest.sqlite'));
    const digestServer = await createBenchDatabase(postgresUrl, 'digest').catch(async (error) => {
      await history.close();
      throw error;
    });
    const moved = openPostgresDatabase(digestServer.url, 4);
    try {
      const copyStarted = performance.now();
      await copyDatabase(history.db, moved.db);
      const copySeconds = (performance.now() - copyStarted) / 1000;
      const sqliteBuild = await measure('digest', 15, () => buildBenchDigest(history.db));
      const postgresBuild = await measure('digest', 15, () => buildBenchDigest(moved.db));
      rows.push(
        {
          name: 'digest build (queries + embed), 5,000 members, 1M events',
          sqlite: timing(sqliteBuild),
          postgres: timing(postgresBuild),
        },
        {
          name: 'db:copy of that database, SQLite → PostgreSQL',
          sqlite: '',
          postgres: `${copySeconds.toFixed(1)} s`,
        },
      );
    } finally {
      await Promise.all([history.close(), moved.close()]);
      await digestServer.drop();
    }
    return rows;
  } finally {
    await Promise.all([sqlite.close(), postgres.close()]);
    await server.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}
