import { buildCustomId, type CustomId } from '../../src/discord/custom-id.js';

/** Long enough to read what would be lost, short enough that a forgotten prompt cannot be pressed days later. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

/** A confirm / cancel prompt: who may press it, what it is about, and when it was shown. */
export interface Confirmation {
  /** The member shown the prompt, who alone may press its buttons. */
  ownerId: string;
  subject: string;
  issuedAt: Date;
}

/**
 * The prompt's state lives in its buttons' custom ids (Discord only sends back ids that are on
 * the message, so they cannot be forged), which keeps the buttons working across a restart.
 */
export function confirmationCustomId(command: string, action: string, confirmation: Confirmation): string {
  return buildCustomId(
    command,
    action,
    confirmation.ownerId,
    confirmation.subject,
    confirmation.issuedAt.getTime(),
  );
}

/** `undefined` for a malformed id, which callers refuse as expired. */
export function parseConfirmation(id: CustomId): Confirmation | undefined {
  const [ownerId, subject, issuedAt] = id.args;
  const issuedAtMs = Number(issuedAt);
  if (!ownerId || !subject || !Number.isSafeInteger(issuedAtMs)) return undefined;
  return { ownerId, subject, issuedAt: new Date(issuedAtMs) };
}

export function isConfirmationExpired(confirmation: Pick<Confirmation, 'issuedAt'>, now: Date): boolean {
  return now.getTime() - confirmation.issuedAt.getTime() > CONFIRMATION_TTL_MS;
}
