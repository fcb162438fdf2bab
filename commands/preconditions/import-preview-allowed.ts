import { readImportPreview } from '../components/import-preview-confirmation.js';
import { manageServerConfirmation } from './confirmation-allowed.js';

/** Only the admin who ran a re-import may apply or cancel its dry run; Apply is checked again when pressed. */
export const { owner: importPreviewOwner, stillAllowed: importPreviewStillAllowed } =
  manageServerConfirmation({
    name: 'importPreview',
    command: '/roadmap import',
    read: readImportPreview,
    expired: 'This preview has expired and nothing was changed. Run /roadmap import again.',
  });
