import { PermissionFlagsBits, type User } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_MEMBER_REFUSAL } from '../../../commands/options/member-option.js';
import { visibleMember } from '../../../commands/preconditions/visible-member.js';
import type { AppContext } from '../../../src/context.js';
import { saveMemberPreferences } from '../../../src/core/settings-queries.js';
import type { DatabaseHandle } from '../../../src/db/connection.js';
import { UserError } from '../../../src/shared/user-error.js';
import { createTestDatabase } from '../../support/database.js';
import { interactionStub } from '../../support/interaction-stub.js';

const GUILD = '100000000000000001';
const PRIVATE = '200000000000000001';
const PUBLIC = '200000000000000002';
const PEER = '200000000000000003';
const MODERATOR = '200000000000000004';
const PRIVATE_REFUSAL = `<@${PRIVATE}> keeps their profile private, so only they and the server’s moderators can see it.`;

function caller(userId: string, permissions = PermissionFlagsBits.SendMessages) {
  return interactionStub({ guildId: GUILD, userId, permissions });
}

const chosen = (id: string, bot = false) => ({ user: { id, bot } as User, member: null });

describe('visibleMember', () => {
  let handle: DatabaseHandle;
  let ctx: AppContext;
  beforeEach(async () => {
    handle = await createTestDatabase();
    // The precondition reads only the database.
    ctx = { db: handle.db } as AppContext;
    await saveMemberPreferences(
      handle.db,
      { guildId: GUILD, userId: PRIVATE },
      { publicProfile: false },
      new Date('2026-11-25T10:00:00Z'),
    );
  });
  afterEach(async () => {
    await handle.close();
  });

  it('GIVEN no member option THEN it passes (the caller is shown)', async () => {
    await expect(visibleMember.check(caller(PEER), ctx, { member: null })).resolves.toBeUndefined();
  });

  it('GIVEN a bot as the member THEN it is refused', async () => {
    const refusal = visibleMember.check(caller(PEER), ctx, { member: chosen('300000000000000001', true) });
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(BOT_MEMBER_REFUSAL);
  });

  it('GIVEN a private profile THEN a peer is refused, and the member and a moderator pass', async () => {
    const refusal = visibleMember.check(caller(PEER), ctx, { member: chosen(PRIVATE) });
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(PRIVATE_REFUSAL);
    await expect(
      visibleMember.check(caller(PRIVATE), ctx, { member: chosen(PRIVATE) }),
    ).resolves.toBeUndefined();
    await expect(
      visibleMember.check(caller(MODERATOR, PermissionFlagsBits.ManageGuild), ctx, {
        member: chosen(PRIVATE),
      }),
    ).resolves.toBeUndefined();
  });

  it('GIVEN a private profile shared in the channel THEN even a moderator is refused', async () => {
    await expect(
      visibleMember.check(caller(MODERATOR, PermissionFlagsBits.ManageGuild), ctx, {
        member: chosen(PRIVATE),
        share: true,
      }),
    ).rejects.toThrow(PRIVATE_REFUSAL);
  });

  it('GIVEN a public profile THEN a peer passes, shared or not', async () => {
    await expect(visibleMember.check(caller(PEER), ctx, { member: chosen(PUBLIC) })).resolves.toBeUndefined();
    await expect(
      visibleMember.check(caller(PEER), ctx, { member: chosen(PUBLIC), share: true }),
    ).resolves.toBeUndefined();
  });
});
