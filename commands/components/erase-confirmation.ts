import type { CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import {
  CONFIRMATION_TTL_MS,
  confirmationCustomId,
  isConfirmationExpired,
  parseConfirmation,
} from './confirmation.js';

export const PRIVACY_COMMAND = 'privacy';
export const ERASE_CONFIRMATION_TTL_MS = CONFIRMATION_TTL_MS;

export interface EraseConfirmation {
  /** Who was shown the buttons and alone may press them. */
  ownerId: string;
  /** Whose data goes: the owner themselves, or the member an admin purges. */
  targetId: string;
  issuedAt: Date;
}

export function eraseConfirmationIds(confirmation: EraseConfirmation): { erase: string; cancel: string } {
  const prompt = { ...confirmation, subject: confirmation.targetId };
  return {
    erase: confirmationCustomId(PRIVACY_COMMAND, 'erase', prompt),
    cancel: confirmationCustomId(PRIVACY_COMMAND, 'cancel', prompt),
  };
}

export function parseEraseConfirmation(id: CustomId): EraseConfirmation | undefined {
  const prompt = parseConfirmation(id);
  return prompt && { ownerId: prompt.ownerId, targetId: prompt.subject, issuedAt: prompt.issuedAt };
}

/** The confirmation a button of the prompt carries; a malformed id is refused as expired. */
export function readEraseConfirmation(id: CustomId): EraseConfirmation {
  const confirmation = parseEraseConfirmation(id);
  if (!confirmation) throw new UserError('This button has expired. Run the command again.');
  return confirmation;
}

/** An admin erasing another member's data, rather than a member erasing their own. */
export function isPurge(confirmation: Pick<EraseConfirmation, 'ownerId' | 'targetId'>): boolean {
  return confirmation.targetId !== confirmation.ownerId;
}

export const isEraseConfirmationExpired = isConfirmationExpired;
