import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openSqliteDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import {
  CLAIM_STALE_MS,
  claimDigestRun,
  completeDigestRun,
  type DigestRunClaim,
  failDigestRun,
  findDueDigestRetries,
  findStaleDigestClaims,
  MAX_ATTEMPTS,
  newClaimToken,
  nextAttemptAfter,
  reclaimDigestRun,
  recordSkippedDigestRun,
} from '../../src/digest/digest-runs.js';
import { slotAtOrBefore } from '../../src/digest/digest-slots.js';
import { createTestDatabase } from '../support/database.js';
import { GUILD_ID } from './digest-fixtures.js';

const now = new Date('2026-11-30T08:00:30.000Z');
const slot = slotAtOrBefore({ day: 1, hour: 9, timezone: 'Europe/Berlin' }, now);

function claim(overrides: Partial<DigestRunClaim> = {}): DigestRunClaim {
  return {
    guildId: GUILD_ID,
    slot,
    period: slot.period,
    trigger: 'schedule',
    channelId: '200000000000000001',
    token: newClaimToken(),
    now,
    ...overrides,
  };
}

describe('digest run claims', () => {
  const handles: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.close()));
  });
  async function database(): Promise<DatabaseHandle> {
    const handle = await createTestDatabase();
    handles.push(handle);
    return handle;
  }

  it('GIVEN a claimed week THEN a second claim for it gets nothing, whoever asks', async () => {
    const { db } = await database();
    const first = await claimDigestRun(db, claim());
    expect(first).toMatchObject({ status: 'claimed', slot_key: '2026-W49', attempts: 1 });
    expect(await claimDigestRun(db, claim())).toBeUndefined();
    expect(await claimDigestRun(db, claim({ trigger: 'manual' }))).toBeUndefined();
    expect(await claimDigestRun(db, claim({ guildId: 'another-guild' }))).toBeDefined();
  });

  it('GIVEN two processes on one database file THEN exactly one claim per week succeeds', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'waymark-digest-')), 'w.sqlite');
    const first = openSqliteDatabase(path);
    handles.push(first);
    await migrateToLatest(first.db);
    const second = openSqliteDatabase(path);
    handles.push(second);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => claimDigestRun((index % 2 ? first : second).db, claim())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('GIVEN a claim THEN only its holder completes it, once', async () => {
    const { db } = await database();
    const run = await claimDigestRun(db, claim());
    if (!run) throw new Error('claim');
    expect(await completeDigestRun(db, { ...run, claimed_by: 'someone-else' }, '1', now)).toBe(false);
    expect(await completeDigestRun(db, run, '300000000000000001', now)).toBe(true);
    expect(await completeDigestRun(db, run, '300000000000000002', now)).toBe(false);
    const row = await db.selectFrom('digest_runs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'posted',
      message_id: '300000000000000001',
      posted_at: now.toISOString(),
    });
  });

  it('GIVEN failed attempts THEN retries back off and stop after the last attempt', async () => {
    const { db } = await database();
    let run = await claimDigestRun(db, claim());
    const seen: (string | null)[] = [];
    for (let attempt = 1; run; attempt += 1) {
      const failed = await failDigestRun(db, run, 'Missing permissions', now);
      seen.push(failed?.next_attempt_at ?? null);
      expect(failed?.attempts).toBe(attempt);
      run = failed?.next_attempt_at
        ? await reclaimDigestRun(db, failed, { token: newClaimToken(), now })
        : undefined;
    }
    expect(seen).toHaveLength(MAX_ATTEMPTS);
    expect(seen.at(-1)).toBeNull();
    expect(seen.slice(0, -1)).toEqual(
      Array.from({ length: MAX_ATTEMPTS - 1 }, (_, index) => nextAttemptAfter(index + 1, now)?.toISOString()),
    );
    const delays = seen.slice(0, -1).map((at) => new Date(at ?? 0).getTime() - now.getTime());
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('GIVEN a failed run THEN it is due for retry at its next attempt time, and only one taker gets it', async () => {
    const { db } = await database();
    const run = await claimDigestRun(db, claim());
    const failed = run && (await failDigestRun(db, run, 'HTTP 503', now));
    if (!failed?.next_attempt_at) throw new Error('fail');
    const due = new Date(failed.next_attempt_at);
    expect(await findDueDigestRetries(db, new Date(due.getTime() - 1))).toEqual([]);
    const [retry] = await findDueDigestRetries(db, due);
    if (!retry) throw new Error('due');
    const takers = await Promise.all([
      reclaimDigestRun(db, retry, { token: newClaimToken(), now: due }),
      reclaimDigestRun(db, retry, { token: newClaimToken(), now: due }),
    ]);
    expect(takers.filter(Boolean)).toHaveLength(1);
    expect(takers.find(Boolean)).toMatchObject({ status: 'claimed', attempts: 2, next_attempt_at: null });
  });

  it('GIVEN a claim left unfinished THEN it is stale only after a few minutes', async () => {
    const { db } = await database();
    await claimDigestRun(db, claim());
    expect(await findStaleDigestClaims(db, new Date(now.getTime() + CLAIM_STALE_MS - 1))).toEqual([]);
    expect(await findStaleDigestClaims(db, new Date(now.getTime() + CLAIM_STALE_MS + 1))).toHaveLength(1);
  });

  it('GIVEN a skipped week THEN it holds the key, and a manual send may take it over', async () => {
    const { db } = await database();
    const skipped = await recordSkippedDigestRun(db, { ...claim(), reason: 'offline' });
    expect(skipped).toMatchObject({ status: 'skipped', attempts: 0, last_error: 'offline' });
    expect(await claimDigestRun(db, claim())).toBeUndefined();
    expect(await recordSkippedDigestRun(db, { ...claim(), reason: 'again' })).toBeUndefined();
    const period = { start: new Date('2026-11-24T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') };
    const taken =
      skipped &&
      (await reclaimDigestRun(db, skipped, {
        token: newClaimToken(),
        now,
        replace: { trigger: 'manual', period, channelId: '200000000000000009' },
      }));
    expect(taken).toMatchObject({
      status: 'claimed',
      trigger: 'manual',
      channel_id: '200000000000000009',
      period_start: period.start.toISOString(),
      attempts: 1,
    });
  });
});
