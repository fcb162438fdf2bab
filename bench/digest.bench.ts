import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openSqliteDatabase, type SqliteDatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { slotAtOrBefore } from '../src/digest/digest-slots.js';
import { chartDays, renderDigestChart } from '../src/digest/render-digest-chart.js';
import { findDigestActivity } from '../src/digest/weekly-activity-queries.js';
import { buildDigestEmbed, DIGEST_CHART_FILE, digestFooter } from '../src/discord/views/digest-view.js';
import { type BenchResult, measure } from './bench-utils.js';
import { seedDigestGuild } from './digest-seed.js';

const GUILD_ID = '100000000000000001';
const TIMEZONE = 'Europe/Berlin';
const SLOT_AT = new Date('2026-11-30T08:00:00Z');

const SEED = {
  guildId: GUILD_ID,
  members: 5_000,
  events: 1_000_000,
  weeks: 104,
  end: SLOT_AT,
  phases: 10,
  itemsPerPhase: 20,
};

/** The digest guild's history, 1,000,000 events, seeded into a migrated SQLite file. */
export async function seedBenchDigestDatabase(path: string): Promise<SqliteDatabaseHandle> {
  const handle = openSqliteDatabase(path);
  await migrateToLatest(handle.db);
  seedDigestGuild(handle.sqlite, SEED);
  return handle;
}

/** What a scheduled run does before posting: every query, then the embed. */
export async function buildBenchDigest(db: Db) {
  const slot = slotAtOrBefore({ day: 1, hour: 9, timezone: TIMEZONE }, SLOT_AT);
  const activity = await findDigestActivity(db, {
    guildId: GUILD_ID,
    period: slot.period,
    timezone: TIMEZONE,
    memberLimit: 20,
    learningLimit: 10,
    feedbackLimit: 8,
  });
  return {
    activity,
    embed: buildDigestEmbed({
      activity,
      displayName: (userId) => `Member ${userId.slice(-4)}`,
      footer: digestFooter(slot.key),
      chartFile: DIGEST_CHART_FILE,
    }).toJSON(),
  };
}

/**
 * The digest of a 5,000-member guild with 1,000,000 events of history (two years, so about
 * 9,600 in the digest's week), in a file database (WAL, like production): the queries and the
 * embed together — what a scheduled run does before posting — and the chart on its own.
 */
export async function runDigestBenchmarks(): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'waymark-digest-bench-'));
  const handle = await seedBenchDigestDatabase(join(folder, 'bench.sqlite'));
  try {
    const build = () => buildBenchDigest(handle.db);
    const { activity } = await build();
    return [
      await measure('digest: build (queries + embed), 5,000 members, 1M events', 15, build),
      await measure('digest: render chart (PNG)', 15, () =>
        renderDigestChart(chartDays(activity.days, TIMEZONE, SLOT_AT)),
      ),
    ];
  } finally {
    await handle.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
