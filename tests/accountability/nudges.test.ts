import { describe, expect, it } from 'vitest';
import { recordActivity } from '../../src/core/record-activity.js';
import { saveGuildNudgeSettings, saveMemberPreferences } from '../../src/core/settings-queries.js';
import { isNudgeDue, type NudgeCandidate, renderNudgeMessage } from '../../src/nudges/nudges.js';
import { claimNudge, findNudgeCandidates, releaseNudge } from '../../src/nudges/nudges-queries.js';
import { useTestDatabase } from '../support/database.js';

const DAY = 24 * 60 * 60 * 1000;
const GUILD = '100000000000000001';
const MEMBER = '200000000000000001';

describe('isNudgeDue', () => {
  const candidate: NudgeCandidate = {
    guildId: GUILD,
    userId: MEMBER,
    silenceDays: 7,
    lastSeenAt: new Date('2026-11-10T10:00:00Z'),
    lastNudge: null,
    timeZone: 'UTC',
  };
  const at = (iso: string) => new Date(iso);

  it('GIVEN fewer days of silence than the guild’s setting THEN no nudge', () => {
    expect(isNudgeDue(candidate, at('2026-11-17T09:59:00Z'))).toBe(false);
  });

  it('GIVEN the silence reached in the member’s daytime THEN a nudge is due', () => {
    expect(isNudgeDue(candidate, at('2026-11-17T10:00:00Z'))).toBe(true);
  });

  it('GIVEN the silence reached at night in the member’s zone THEN the nudge waits for the morning', () => {
    const tokyo = { ...candidate, timeZone: 'Asia/Tokyo' };
    expect(isNudgeDue(tokyo, at('2026-11-17T14:00:00Z'))).toBe(false); // 23:00 in Tokyo
    expect(isNudgeDue(tokyo, at('2026-11-18T00:00:00Z'))).toBe(true); // 09:00 in Tokyo
  });

  it('GIVEN a nudge already sent (or refused) in this silence THEN no second one', () => {
    const nudged = { ...candidate, lastNudge: { at: at('2026-11-17T10:00:00Z'), outcome: 'sent' as const } };
    expect(isNudgeDue(nudged, at('2026-12-20T10:00:00Z'))).toBe(false);
    const closed = {
      ...candidate,
      lastNudge: { at: at('2026-11-17T10:00:00Z'), outcome: 'dms_closed' as const },
    };
    expect(isNudgeDue(closed, at('2026-12-20T10:00:00Z'))).toBe(false);
  });

  it('GIVEN new activity after the last nudge and a new silence THEN a nudge is due again', () => {
    const active = {
      ...candidate,
      lastSeenAt: at('2026-11-20T10:00:00Z'),
      lastNudge: { at: at('2026-11-17T10:00:00Z'), outcome: 'sent' as const },
    };
    expect(isNudgeDue(active, at('2026-11-26T10:00:00Z'))).toBe(false);
    expect(isNudgeDue(active, at('2026-11-27T10:00:00Z'))).toBe(true);
  });
});

describe('renderNudgeMessage', () => {
  it('GIVEN next items THEN the message lists them and says how to stop nudges', () => {
    const message = renderNudgeMessage({
      guildName: 'Pythonistas',
      quietDays: 8,
      nextItems: ['Decorators', 'Generators'],
    });
    expect(message).toContain('8 days');
    expect(message).toContain('**Pythonistas**');
    expect(message).toContain('• Decorators\n• Generators');
    expect(message).toContain('/settings nudges:false');
  });

  it('GIVEN no roadmap items THEN it still suggests a small step', () => {
    expect(renderNudgeMessage({ guildName: 'G', quietDays: 7, nextItems: [] })).toContain('share a learning');
  });
});

describe('nudge candidates', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const handle = useTestDatabase();

  const optIn = (at: string) =>
    saveMemberPreferences(handle.db, { guildId: GUILD, userId: MEMBER }, { nudges: true }, new Date(at));

  it('GIVEN a member who opted in but a server that did not THEN nobody is a candidate', async () => {
    await optIn('2026-11-01T10:00:00Z');
    expect(await findNudgeCandidates(handle.db, 'UTC')).toEqual([]);
    await saveGuildNudgeSettings(handle.db, GUILD, { enabled: true }, now);
    expect(await findNudgeCandidates(handle.db, 'UTC')).toHaveLength(1);
  });

  it('GIVEN a server with nudges on but a member who did not opt in THEN nobody is a candidate', async () => {
    await saveGuildNudgeSettings(handle.db, GUILD, { enabled: true }, now);
    await saveMemberPreferences(handle.db, { guildId: GUILD, userId: MEMBER }, { publicProfile: false }, now);
    expect(await findNudgeCandidates(handle.db, 'UTC')).toEqual([]);
  });

  it('GIVEN activity after opting in THEN the latest activity is when the member was last seen, missed goals aside', async () => {
    await optIn('2026-11-01T10:00:00Z');
    await saveGuildNudgeSettings(handle.db, GUILD, { enabled: true, silenceDays: 10 }, now);
    const record = (kind: 'item_status' | 'goal_missed', at: string) =>
      recordActivity(handle.db, { guild_id: GUILD, user_id: MEMBER, kind, occurred_at: at }, 'UTC');
    await record('item_status', '2026-11-05T10:00:00Z');
    await record('goal_missed', '2026-11-09T00:00:00Z');
    expect(await findNudgeCandidates(handle.db, 'Europe/Berlin')).toEqual([
      {
        guildId: GUILD,
        userId: MEMBER,
        silenceDays: 10,
        lastSeenAt: new Date('2026-11-05T10:00:00Z'),
        lastNudge: null,
        timeZone: 'Europe/Berlin',
      },
    ]);
  });

  it('GIVEN two runs claiming the same nudge THEN only the first wins, and a released claim can be taken again', async () => {
    const member = { guildId: GUILD, userId: MEMBER };
    expect(await claimNudge(handle.db, member, null, now)).toBe(true);
    expect(await claimNudge(handle.db, member, null, now)).toBe(false);
    await releaseNudge(handle.db, member, null);
    expect(await claimNudge(handle.db, member, null, now)).toBe(true);
    const previous = { at: now, outcome: 'sent' as const };
    const later = new Date(now.getTime() + 10 * DAY);
    expect(await claimNudge(handle.db, member, previous, later)).toBe(true);
    expect(await claimNudge(handle.db, member, previous, later)).toBe(false);
  });
});
