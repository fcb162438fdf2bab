import type { CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import {
  CONFIRMATION_TTL_MS,
  type Confirmation,
  confirmationCustomId,
  parseConfirmation,
} from './confirmation.js';
import { ROADMAP_COMMAND } from './roadmap-pages.js';

export const IMPORT_PREVIEW_TTL_MS = CONFIRMATION_TTL_MS;

export const APPLY_IMPORT_ACTION = 'import-apply';
export const CANCEL_IMPORT_ACTION = 'import-cancel';

/** A re-import's dry run: its subject is the pending import, kept server-side, that Apply applies. */
export type ImportPreviewConfirmation = Confirmation;

export function importPreviewIds(confirmation: ImportPreviewConfirmation): { apply: string; cancel: string } {
  return {
    apply: confirmationCustomId(ROADMAP_COMMAND, APPLY_IMPORT_ACTION, confirmation),
    cancel: confirmationCustomId(ROADMAP_COMMAND, CANCEL_IMPORT_ACTION, confirmation),
  };
}

/** The preview a button carries; a malformed id is refused as expired. */
export function readImportPreview(id: CustomId): ImportPreviewConfirmation {
  const prompt = parseConfirmation(id);
  if (!prompt) throw new UserError('This button has expired. Run /roadmap import again.');
  return prompt;
}
