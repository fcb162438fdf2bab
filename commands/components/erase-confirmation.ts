import { buildCustomId, type CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';

export const PRIVACY_COMMAND = 'privacy';
/** Long enough to read the warning, short enough that a forgotten prompt cannot be pressed days later. */
export const ERASE_CONFIRMATION_TTL_MS = 5 * 60_000;

export interface EraseConfirmation {
  /** Who was shown the buttons and alone may press them. */
  ownerId: string;
  /** Whose data goes: the owner themselves, or the member an admin purges. */
  targetId: string;
  issuedAt: Date;
}

/**
 * The prompt's state lives in the custom ids (Discord only sends back ids that are on the
 * message, so they cannot be forged), which keeps the buttons working across a restart.
 */
export function eraseConfirmationIds(confirmation: EraseConfirmation): { erase: string; cancel: string } {
  const args = [confirmation.ownerId, confirmation.targetId, confirmation.issuedAt.getTime()] as const;
  return {
    erase: buildCustomId(PRIVACY_COMMAND, 'erase', ...args),
    cancel: buildCustomId(PRIVACY_COMMAND, 'cancel', ...args),
  };
}

export function parseEraseConfirmation(id: CustomId): EraseConfirmation | undefined {
  const [ownerId, targetId, issuedAt] = id.args;
  const issuedAtMs = Number(issuedAt);
  if (!ownerId || !targetId || !Number.isSafeInteger(issuedAtMs)) return undefined;
  return { ownerId, targetId, issuedAt: new Date(issuedAtMs) };
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

export function isEraseConfirmationExpired(confirmation: EraseConfirmation, now: Date): boolean {
  return now.getTime() - confirmation.issuedAt.getTime() > ERASE_CONFIRMATION_TTL_MS;
}
