import { readRoadmapDeleteConfirmation } from '../components/roadmap-delete-confirmation.js';
import { manageServerConfirmation } from './confirmation-allowed.js';

/** Only the admin shown a roadmap's delete prompt may press its buttons; Delete is checked again when pressed. */
export const { owner: roadmapDeleteOwner, stillAllowed: roadmapDeleteStillAllowed } =
  manageServerConfirmation({
    name: 'roadmapDelete',
    command: '/roadmap delete',
    read: readRoadmapDeleteConfirmation,
    expired: 'This confirmation has expired and nothing was deleted. Run /roadmap delete again.',
  });
