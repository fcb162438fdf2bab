import type { ItemStatus } from '../db/schema.js';

export type { ItemStatus };

/**
 * A checkbox has two states but an item has four. An export writes `learning` and `skipped` as a
 * note after an unchecked box, and the parser reads the note back, so statuses survive a round
 * trip through a file.
 */
const NOTED_STATUSES: ReadonlySet<ItemStatus> = new Set(['learning', 'skipped']);

/** The markdown note the export appends for `status`, or null when the checkbox says it all. */
export function statusNote(status: ItemStatus): string | null {
  return NOTED_STATUSES.has(status) ? `_(${status})_` : null;
}

/** The status named by a note's plain text, e.g. `(learning)`; null for any other text. */
export function statusFromNoteText(text: string): ItemStatus | null {
  const match = /^\((\w+)\)$/u.exec(text);
  const status = match?.[1] as ItemStatus | undefined;
  return status !== undefined && NOTED_STATUSES.has(status) ? status : null;
}

/** Done and skipped both count as finished: progress is about what is left to do. */
export const FINISHED_STATUSES: readonly ItemStatus[] = ['done', 'skipped'];

export function isFinished(status: ItemStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}
