import { beforeEach, describe, expect, it } from 'vitest';
import {
  assertProfileVisible,
  findProfilesHiddenFrom,
  type ProfileViewer,
} from '../../src/core/profile-visibility.js';
import { saveMemberPreferences } from '../../src/core/settings-queries.js';
import { UserError } from '../../src/shared/user-error.js';
import { useTestDatabase } from '../support/database.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const PRIVATE = '200000000000000001';
const PUBLIC = '200000000000000002';
const PEER = '200000000000000003';
const now = new Date('2026-11-25T10:00:00Z');

const peer: ProfileViewer = { userId: PEER, moderates: false };
const moderator: ProfileViewer = { userId: '200000000000000009', moderates: true };
const self: ProfileViewer = { userId: PRIVATE, moderates: false };

describe('profile privacy', () => {
  const handle = useTestDatabase();
  beforeEach(async () => {
    await saveMemberPreferences(
      handle.db,
      { guildId: GUILD, userId: PRIVATE },
      { publicProfile: false },
      now,
    );
    await saveMemberPreferences(handle.db, { guildId: GUILD, userId: PUBLIC }, { nudges: true }, now);
    await saveMemberPreferences(
      handle.db,
      { guildId: OTHER_GUILD, userId: PEER },
      { publicProfile: false },
      now,
    );
  });

  it('GIVEN a private profile THEN a peer is refused without a word about the data', async () => {
    const refusal = assertProfileVisible(handle.db, GUILD, peer, PRIVATE);
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(
      `<@${PRIVATE}> keeps their profile private, so only they and the server’s moderators can see it.`,
    );
  });

  it('GIVEN a private profile THEN the member themself and a moderator may see it', async () => {
    await expect(assertProfileVisible(handle.db, GUILD, self, PRIVATE)).resolves.toBeUndefined();
    await expect(assertProfileVisible(handle.db, GUILD, moderator, PRIVATE)).resolves.toBeUndefined();
  });

  it('GIVEN a public profile, or a member who never ran /settings THEN anyone may see it', async () => {
    await expect(assertProfileVisible(handle.db, GUILD, peer, PUBLIC)).resolves.toBeUndefined();
    await expect(assertProfileVisible(handle.db, GUILD, peer, '200000000000000004')).resolves.toBeUndefined();
  });

  it('GIVEN a member private in another server only THEN their profile here stays public', async () => {
    await expect(
      assertProfileVisible(handle.db, GUILD, { userId: PRIVATE, moderates: false }, PEER),
    ).resolves.toBeUndefined();
  });

  it('GIVEN private profiles THEN lists leave them out for peers, but not for the member or moderators', async () => {
    expect(await findProfilesHiddenFrom(handle.db, GUILD, peer)).toEqual([PRIVATE]);
    expect(await findProfilesHiddenFrom(handle.db, GUILD, self)).toEqual([]);
    expect(await findProfilesHiddenFrom(handle.db, GUILD, moderator)).toEqual([]);
  });
});
