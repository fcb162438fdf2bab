import { type ButtonInteraction, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  ERASE_CONFIRMATION_TTL_MS,
  eraseConfirmationIds,
} from '../../../commands/components/erase-confirmation.js';
import { eraseConfirmationOwner } from '../../../commands/preconditions/erase-confirmation-owner.js';
import { eraseStillAllowed } from '../../../commands/preconditions/erase-still-allowed.js';
import type { AppContext } from '../../../src/context.js';
import { parseCustomId } from '../../../src/discord/custom-id.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { UserError } from '../../../src/shared/user-error.js';
import { interactionStub } from '../../support/interaction-stub.js';

const ADMIN = '100';
const MEMBER = '200';
const ISSUED = new Date('2026-11-26T10:00:00Z');

function pressedBy(userId: string, permissions: bigint[] = []) {
  return interactionStub<ButtonInteraction<'cached'>>({ userId, permissions });
}

function contextAt(msAfterIssue: number): AppContext {
  return { clock: fixedClock(new Date(ISSUED.getTime() + msAfterIssue)) } as unknown as AppContext;
}

const ids = (ownerId: string, targetId: string) =>
  eraseConfirmationIds({ ownerId, targetId, issuedAt: ISSUED });
const deleteOwn = parseCustomId(ids(MEMBER, MEMBER).erase);
const purge = parseCustomId(ids(ADMIN, MEMBER).erase);
const manageServer = [PermissionFlagsBits.ManageGuild];

describe('eraseConfirmationOwner', () => {
  it('GIVEN the member shown the prompt THEN either button passes', async () => {
    for (const id of Object.values(ids(MEMBER, MEMBER))) {
      await expect(
        eraseConfirmationOwner.check(pressedBy(MEMBER), contextAt(0), parseCustomId(id)),
      ).resolves.toBeUndefined();
    }
  });

  it('GIVEN anyone else (a forged click) THEN it is refused', async () => {
    await expect(
      eraseConfirmationOwner.check(pressedBy(ADMIN, manageServer), contextAt(0), deleteOwn),
    ).rejects.toThrow(/belong to someone else/);
  });

  it('GIVEN a malformed custom id THEN it is refused as expired', async () => {
    await expect(
      eraseConfirmationOwner.check(pressedBy(MEMBER), contextAt(0), parseCustomId('privacy:erase')),
    ).rejects.toThrow(new UserError('This button has expired. Run the command again.'));
  });
});

describe('eraseStillAllowed', () => {
  it('GIVEN a member erasing their own data in time THEN it passes without any permission', async () => {
    await expect(
      eraseStillAllowed.check(pressedBy(MEMBER), contextAt(ERASE_CONFIRMATION_TTL_MS), deleteOwn),
    ).resolves.toBeUndefined();
  });

  it('GIVEN the prompt has expired THEN it is refused, for a purge too', async () => {
    const late = contextAt(ERASE_CONFIRMATION_TTL_MS + 1);
    const expired = /^This confirmation has expired and nothing was erased/;
    await expect(eraseStillAllowed.check(pressedBy(MEMBER), late, deleteOwn)).rejects.toThrow(expired);
    await expect(eraseStillAllowed.check(pressedBy(ADMIN, manageServer), late, purge)).rejects.toThrow(
      expired,
    );
  });

  it('GIVEN a purge by an admin who still has Manage Server THEN it passes', async () => {
    await expect(
      eraseStillAllowed.check(pressedBy(ADMIN, manageServer), contextAt(60_000), purge),
    ).resolves.toBeUndefined();
  });

  it('GIVEN a purge by an admin who lost Manage Server since the prompt THEN it is refused', async () => {
    await expect(eraseStillAllowed.check(pressedBy(ADMIN), contextAt(60_000), purge)).rejects.toThrow(
      new UserError('/privacy purge needs the Manage Server permission.'),
    );
  });
});
