import { buildCustomId, type CustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import { ROADMAP_COMMAND } from './roadmap-pages.js';

/** As long as /privacy delete's prompt: time to read what would be lost, not days later. */
export const ROADMAP_DELETE_TTL_MS = 5 * 60_000;

export const CONFIRM_DELETE_ACTION = 'delete-confirm';
export const CANCEL_DELETE_ACTION = 'delete-cancel';

export interface RoadmapDeleteConfirmation {
  /** The admin shown the prompt, who alone may press its buttons. */
  ownerId: string;
  roadmapId: number;
  issuedAt: Date;
}

/** The prompt's state lives in its custom ids, which Discord only sends back as they were put on the message. */
export function roadmapDeleteIds(confirmation: RoadmapDeleteConfirmation): {
  confirm: string;
  cancel: string;
} {
  const args = [confirmation.ownerId, confirmation.roadmapId, confirmation.issuedAt.getTime()] as const;
  return {
    confirm: buildCustomId(ROADMAP_COMMAND, CONFIRM_DELETE_ACTION, ...args),
    cancel: buildCustomId(ROADMAP_COMMAND, CANCEL_DELETE_ACTION, ...args),
  };
}

/** The confirmation a button of the prompt carries; a malformed id is refused as expired. */
export function readRoadmapDeleteConfirmation(id: CustomId): RoadmapDeleteConfirmation {
  const [ownerId, roadmapId, issuedAt] = id.args;
  const roadmapIdNumber = Number(roadmapId);
  const issuedAtMs = Number(issuedAt);
  if (!ownerId || !Number.isSafeInteger(roadmapIdNumber) || !Number.isSafeInteger(issuedAtMs)) {
    throw new UserError('This button has expired. Run /roadmap delete again.');
  }
  return { ownerId, roadmapId: roadmapIdNumber, issuedAt: new Date(issuedAtMs) };
}

export function isRoadmapDeleteExpired(confirmation: RoadmapDeleteConfirmation, now: Date): boolean {
  return now.getTime() - confirmation.issuedAt.getTime() > ROADMAP_DELETE_TTL_MS;
}
