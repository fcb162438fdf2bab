import { describe, expect, it } from 'vitest';
import {
  findGuildNudgeSettings,
  findMemberPreferences,
  saveGuildNudgeSettings,
  saveMemberPreferences,
} from '../../src/core/settings-queries.js';
import { renderSettingsEmbed } from '../../src/discord/views/settings-view.js';
import { canonicalTimeZone, matchTimeZones } from '../../src/shared/time-zones.js';
import { useTestDatabase } from '../support/database.js';

describe('time zone input', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    [' europe/berlin ', 'Europe/Berlin'],
    ['utc', 'UTC'],
    ['US/Eastern', 'America/New_York'],
  ])('GIVEN %j THEN it is stored as %s', (typed, expected) => {
    expect(canonicalTimeZone(typed)).toBe(expected);
  });

  it.each(['Mars/Olympus_Mons', '', 'GMT+25', 'Berlin'])('GIVEN %j THEN it is not a time zone', (typed) => {
    expect(canonicalTimeZone(typed)).toBeUndefined();
  });

  it('GIVEN a partial name THEN matching zones are offered, at most 25, names starting with it first', () => {
    expect(matchTimeZones('berl')).toEqual(['Europe/Berlin']);
    expect(matchTimeZones('new york')).toEqual(['America/New_York']);
    expect(matchTimeZones('america')).toHaveLength(25);
    expect(matchTimeZones('')).toHaveLength(25);
  });
});

describe('settings storage', () => {
  const member = { guildId: '100000000000000001', userId: '200000000000000001' };
  const now = new Date('2026-11-25T10:00:00Z');
  const handle = useTestDatabase();

  it('GIVEN a member who never chose THEN nudges are off and the profile is public', async () => {
    expect(await findMemberPreferences(handle.db, member.guildId, member.userId)).toEqual({
      timezone: null,
      nudges: false,
      publicProfile: true,
    });
    expect(await findGuildNudgeSettings(handle.db, member.guildId)).toEqual({
      enabled: false,
      silenceDays: 7,
    });
  });

  it('GIVEN changes one at a time THEN each keeps the others', async () => {
    await saveMemberPreferences(handle.db, member, { timezone: 'Asia/Tokyo' }, now);
    await saveMemberPreferences(handle.db, member, { nudges: true }, now);
    await saveMemberPreferences(handle.db, member, { publicProfile: false }, now);
    expect(await findMemberPreferences(handle.db, member.guildId, member.userId)).toEqual({
      timezone: 'Asia/Tokyo',
      nudges: true,
      publicProfile: false,
    });
    await saveGuildNudgeSettings(handle.db, member.guildId, { silenceDays: 10 }, now);
    await saveGuildNudgeSettings(handle.db, member.guildId, { enabled: true }, now);
    expect(await findGuildNudgeSettings(handle.db, member.guildId)).toEqual({
      enabled: true,
      silenceDays: 10,
    });
  });

  it('GIVEN nudges on for the member but off for the server THEN the settings say an admin must enable them', () => {
    const embed = renderSettingsEmbed({
      member: { timezone: null, nudges: true, publicProfile: true },
      guild: { enabled: false, silenceDays: 7 },
      guildTimezone: 'Europe/Berlin',
      changed: true,
    }).toJSON();
    expect(embed.title).toBe('Settings saved');
    const nudges = embed.fields?.find((field) => field.name === 'Nudges');
    expect(nudges?.value).toContain('server-nudges:true');
    expect(embed.fields?.find((field) => field.name === 'Time zone')?.value).toContain('Europe/Berlin');
  });
});
