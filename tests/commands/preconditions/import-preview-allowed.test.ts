import { type ButtonInteraction, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_PREVIEW_TTL_MS,
  importPreviewIds,
} from '../../../commands/components/import-preview-confirmation.js';
import {
  importPreviewOwner,
  importPreviewStillAllowed,
} from '../../../commands/preconditions/import-preview-allowed.js';
import type { AppContext } from '../../../src/context.js';
import { parseCustomId } from '../../../src/discord/custom-id.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { UserError } from '../../../src/shared/user-error.js';
import { interactionStub } from '../../support/interaction-stub.js';

const ADMIN = '100';
const OTHER_ADMIN = '300';
const ISSUED = new Date('2026-12-02T10:00:00Z');

function pressedBy(userId: string, permissions: bigint[] = [PermissionFlagsBits.ManageGuild]) {
  return interactionStub<ButtonInteraction<'cached'>>({ userId, permissions });
}

function contextAt(msAfterIssue: number): AppContext {
  return { clock: fixedClock(new Date(ISSUED.getTime() + msAfterIssue)) } as unknown as AppContext;
}

const ids = importPreviewIds({ ownerId: ADMIN, subject: 'pendingId123', issuedAt: ISSUED });
const apply = parseCustomId(ids.apply);

describe('importPreviewOwner', () => {
  it('GIVEN the importer THEN Apply and Cancel pass; another admin is refused', async () => {
    for (const id of Object.values(ids)) {
      await expect(
        importPreviewOwner.check(pressedBy(ADMIN), contextAt(0), parseCustomId(id)),
      ).resolves.toBeUndefined();
    }
    await expect(importPreviewOwner.check(pressedBy(OTHER_ADMIN), contextAt(0), apply)).rejects.toThrow(
      /belong to someone else/,
    );
  });

  it('GIVEN a malformed custom id THEN it is refused as expired', async () => {
    await expect(
      importPreviewOwner.check(
        pressedBy(ADMIN),
        contextAt(0),
        parseCustomId(`roadmap:import-apply:${ADMIN}`),
      ),
    ).rejects.toThrow(new UserError('This button has expired. Run /roadmap import again.'));
  });
});

describe('importPreviewStillAllowed', () => {
  it('GIVEN Apply within five minutes by an admin THEN it passes, and after that it is refused', async () => {
    await expect(
      importPreviewStillAllowed.check(pressedBy(ADMIN), contextAt(IMPORT_PREVIEW_TTL_MS), apply),
    ).resolves.toBeUndefined();
    await expect(
      importPreviewStillAllowed.check(pressedBy(ADMIN), contextAt(IMPORT_PREVIEW_TTL_MS + 1), apply),
    ).rejects.toThrow(
      new UserError('This preview has expired and nothing was changed. Run /roadmap import again.'),
    );
  });

  it('GIVEN an admin who lost Manage Server since the preview THEN Apply is refused', async () => {
    await expect(importPreviewStillAllowed.check(pressedBy(ADMIN, []), contextAt(0), apply)).rejects.toThrow(
      new UserError('/roadmap import needs the Manage Server permission.'),
    );
  });
});
