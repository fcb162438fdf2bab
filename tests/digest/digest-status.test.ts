import { describe, expect, it } from 'vitest';
import type { DigestRun } from '../../src/db/schema.js';
import { describeRun, describeTiming, isoWeekday } from '../../src/digest/digest-status.js';
import { digestJob } from '../../src/discord/jobs/digest-job.js';
import { SCHEDULED_JOBS } from '../../src/jobs.js';
import { UserError } from '../../src/shared/user-error.js';

const at = '2026-11-30T08:00:05.000Z';
const seconds = Date.parse(at) / 1000;

function run(overrides: Partial<DigestRun>): DigestRun {
  return {
    id: 1,
    guild_id: '100000000000000001',
    slot_key: '2026-W49',
    slot_at: '2026-11-30T08:00:00.000Z',
    trigger: 'schedule',
    status: 'claimed',
    channel_id: '200000000000000001',
    period_start: '2026-11-23T08:00:00.000Z',
    period_end: '2026-11-30T08:00:00.000Z',
    claimed_at: at,
    claimed_by: 'host:1:abcd',
    attempts: 1,
    next_attempt_at: null,
    last_error: null,
    message_id: null,
    posted_at: null,
    updated_at: at,
    ...overrides,
  };
}

describe('digest status', () => {
  it('GIVEN a day option THEN it is the ISO weekday, and anything else is refused', () => {
    expect(isoWeekday('monday')).toBe(1);
    expect(isoWeekday('sunday')).toBe(7);
    expect(() => isoWeekday('someday')).toThrow(UserError);
  });

  it('GIVEN a schedule THEN it reads as a weekly local time with its zone', () => {
    expect(describeTiming({ day: 5, hour: 7, timezone: 'America/New_York' })).toBe(
      'Fridays at 07:00 (America/New_York)',
    );
  });

  it('GIVEN each outcome THEN the run line says what happened, when, and what comes next', () => {
    expect(
      describeRun(
        run({ status: 'posted', message_id: '300000000000000001', posted_at: at, trigger: 'manual' }),
      ),
    ).toBe(
      `✅ \`2026-W49\` posted <t:${seconds}:f> · [message](https://discord.com/channels/100000000000000001/200000000000000001/300000000000000001) · sent by hand`,
    );
    expect(describeRun(run({ status: 'claimed' }))).toBe(
      `⏳ \`2026-W49\` being posted (since <t:${seconds}:R>)`,
    );
    expect(describeRun(run({ status: 'skipped', last_error: 'Waymark was offline.' }))).toBe(
      '⏭️ `2026-W49` skipped — Waymark was offline.',
    );
    expect(
      describeRun(run({ status: 'failed', attempts: 2, last_error: 'HTTP 503.', next_attempt_at: at })),
    ).toBe(`❌ \`2026-W49\` failed after 2 attempts: HTTP 503. — next try <t:${seconds}:R>`);
    expect(describeRun(run({ status: 'failed', attempts: 5, last_error: 'Missing access.' }))).toBe(
      '❌ `2026-W49` failed after 5 attempts: Missing access. — no more automatic tries: fix it, then use /digest send',
    );
  });

  it('GIVEN the app’s jobs THEN the digest runs once per tick, every quarter hour and at start', () => {
    expect(SCHEDULED_JOBS.filter((job) => job.name === digestJob.name)).toEqual([digestJob]);
    expect(digestJob.cron).toBe('*/15 * * * *');
    expect(digestJob.runOnStart).toBe(true);
  });
});
