import { type ButtonInteraction, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  ROADMAP_DELETE_TTL_MS,
  roadmapDeleteIds,
} from '../../../commands/components/roadmap-delete-confirmation.js';
import {
  roadmapDeleteOwner,
  roadmapDeleteStillAllowed,
} from '../../../commands/preconditions/roadmap-delete-allowed.js';
import type { AppContext } from '../../../src/context.js';
import { parseCustomId } from '../../../src/discord/custom-id.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { UserError } from '../../../src/shared/user-error.js';
import { interactionStub } from '../../support/interaction-stub.js';

const ADMIN = '100';
const OTHER_ADMIN = '300';
const ISSUED = new Date('2026-12-01T10:00:00Z');
const manageServer = [PermissionFlagsBits.ManageGuild];

function pressedBy(userId: string, permissions: bigint[] = manageServer) {
  return interactionStub<ButtonInteraction<'cached'>>({ userId, permissions });
}

function contextAt(msAfterIssue: number): AppContext {
  return { clock: fixedClock(new Date(ISSUED.getTime() + msAfterIssue)) } as unknown as AppContext;
}

const ids = roadmapDeleteIds({ ownerId: ADMIN, roadmapId: 7, issuedAt: ISSUED });
const confirm = parseCustomId(ids.confirm);

describe('roadmapDeleteOwner', () => {
  it('GIVEN the admin shown the prompt THEN either button passes', async () => {
    for (const id of Object.values(ids)) {
      await expect(
        roadmapDeleteOwner.check(pressedBy(ADMIN), contextAt(0), parseCustomId(id)),
      ).resolves.toBeUndefined();
    }
  });

  it('GIVEN another admin (a forged click) THEN it is refused', async () => {
    await expect(roadmapDeleteOwner.check(pressedBy(OTHER_ADMIN), contextAt(0), confirm)).rejects.toThrow(
      /belong to someone else/,
    );
  });

  it('GIVEN a malformed custom id THEN it is refused as expired', async () => {
    await expect(
      roadmapDeleteOwner.check(
        pressedBy(ADMIN),
        contextAt(0),
        parseCustomId(`roadmap:delete-confirm:${ADMIN}:x`),
      ),
    ).rejects.toThrow(new UserError('This button has expired. Run /roadmap delete again.'));
  });
});

describe('roadmapDeleteStillAllowed', () => {
  it('GIVEN the press within five minutes by an admin THEN it passes', async () => {
    await expect(
      roadmapDeleteStillAllowed.check(pressedBy(ADMIN), contextAt(ROADMAP_DELETE_TTL_MS), confirm),
    ).resolves.toBeUndefined();
  });

  it('GIVEN the prompt has expired THEN it is refused', async () => {
    await expect(
      roadmapDeleteStillAllowed.check(pressedBy(ADMIN), contextAt(ROADMAP_DELETE_TTL_MS + 1), confirm),
    ).rejects.toThrow(/^This confirmation has expired and nothing was deleted/);
  });

  it('GIVEN an admin who lost Manage Server since the prompt THEN it is refused', async () => {
    await expect(
      roadmapDeleteStillAllowed.check(pressedBy(ADMIN, []), contextAt(0), confirm),
    ).rejects.toThrow(new UserError('/roadmap delete needs the Manage Server permission.'));
  });
});
