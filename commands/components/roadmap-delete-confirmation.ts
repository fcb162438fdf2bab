import type { CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import { CONFIRMATION_TTL_MS, confirmationCustomId, parseConfirmation } from './confirmation.js';
import { ROADMAP_COMMAND } from './roadmap-pages.js';

export const ROADMAP_DELETE_TTL_MS = CONFIRMATION_TTL_MS;

export const CONFIRM_DELETE_ACTION = 'delete-confirm';
export const CANCEL_DELETE_ACTION = 'delete-cancel';

export interface RoadmapDeleteConfirmation {
  /** The admin shown the prompt, who alone may press its buttons. */
  ownerId: string;
  roadmapId: number;
  issuedAt: Date;
}

export function roadmapDeleteIds(confirmation: RoadmapDeleteConfirmation): {
  confirm: string;
  cancel: string;
} {
  const prompt = { ...confirmation, subject: String(confirmation.roadmapId) };
  return {
    confirm: confirmationCustomId(ROADMAP_COMMAND, CONFIRM_DELETE_ACTION, prompt),
    cancel: confirmationCustomId(ROADMAP_COMMAND, CANCEL_DELETE_ACTION, prompt),
  };
}

/** The confirmation a button of the prompt carries; a malformed id is refused as expired. */
export function readRoadmapDeleteConfirmation(id: CustomId): RoadmapDeleteConfirmation {
  const prompt = parseConfirmation(id);
  const roadmapId = Number(prompt?.subject);
  if (!prompt || !Number.isSafeInteger(roadmapId)) {
    throw new UserError('This button has expired. Run /roadmap delete again.');
  }
  return { ownerId: prompt.ownerId, roadmapId, issuedAt: prompt.issuedAt };
}
