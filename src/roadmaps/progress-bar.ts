export interface ProgressCounts {
  /** All active items. */
  total: number;
  done: number;
  skipped: number;
}

/**
 * Whole percent finished, rounded down so 100% appears only when nothing is left. Skipped items
 * count as finished: a member who decided an item is not for them has nothing left to do there.
 */
export function percentComplete(counts: ProgressCounts): number {
  return percentOf(counts.done + counts.skipped, counts.total);
}

function percentOf(finished: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.floor((clamp(finished, total) * 100) / total);
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}

/** `▰▰▰▰▱▱▱▱▱▱ 40% · 4/10`; cells are rounded down too, so a full bar means finished. */
export function renderProgressBar(finished: number, total: number, width = 10): string {
  const cells = Math.max(Math.floor(width), 0);
  const filled = total > 0 ? Math.floor((clamp(finished, total) * cells) / total) : 0;
  return `${'▰'.repeat(filled)}${'▱'.repeat(cells - filled)} ${percentOf(finished, total)}% · ${finished}/${total}`;
}
