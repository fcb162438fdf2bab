import type { Db } from '../db/connection.js';
import type { ItemStatus, Roadmap } from '../db/schema.js';
import { exportRoadmapMarkdown, exportSourceMarkdown } from './export-roadmap.js';
import { findMemberStatuses, type ItemWithPhase, listActiveItems } from './followed-roadmap.js';
import type { MarkedSource } from './parse-roadmap.js';
import { listActivePhases } from './roadmap-queries.js';
import { findRoadmapSource } from './roadmap-source.js';
import { textSlug } from './text.js';

export interface ExportedRoadmap {
  fileName: string;
  markdown: string;
}

/**
 * The imported file with the member's marks. Its items' keys are those of the current items:
 * every import stores its text and its items in one transaction.
 */
function fromSource(
  source: MarkedSource,
  items: readonly ItemWithPhase[],
  statusOf: (itemId: number) => ItemStatus,
): string | null {
  const idByKey = new Map(items.map((item) => [item.key, item.id]));
  return exportSourceMarkdown(source, (item) => {
    const id = idByKey.get(item.key);
    return id === undefined ? 'todo' : statusOf(id);
  });
}

/** A roadmap's current phases and items as markdown, with one member's statuses marked. */
export async function exportMemberRoadmap(
  db: Db,
  roadmap: Roadmap,
  userId: string,
): Promise<ExportedRoadmap> {
  const [phases, items, statuses, source] = await Promise.all([
    listActivePhases(db, roadmap.id),
    listActiveItems(db, roadmap.id),
    findMemberStatuses(db, userId, roadmap.id),
    findRoadmapSource(db, roadmap.id),
  ]);
  const statusOf = (itemId: number) => statuses.get(itemId) ?? 'todo';
  const fileName = `${textSlug(roadmap.name, 60)}.md`;
  const kept = source === undefined ? null : fromSource(source, items, statusOf);
  if (kept !== null) return { fileName, markdown: kept };

  // Roadmaps imported before their text was kept are written from their items, in the same shape.
  const indexByPhaseId = new Map(phases.map((phase, index) => [phase.id, index]));
  const markdown = exportRoadmapMarkdown(
    {
      title: roadmap.title,
      phases: phases.map((phase, index) => ({
        index,
        title: phase.title,
        headingLevel: phase.heading_level,
      })),
      items: items.flatMap((item) => {
        const phaseIndex = indexByPhaseId.get(item.phase_id);
        return phaseIndex === undefined ? [] : [{ ...item, phaseIndex }];
      }),
    },
    (item) => statusOf(item.id),
  );
  return { fileName, markdown };
}
