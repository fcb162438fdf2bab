import type { Db } from '../db/connection.js';
import type { Roadmap } from '../db/schema.js';
import { exportRoadmapMarkdown } from './export-roadmap.js';
import { findMemberStatuses, listActiveItems } from './followed-roadmap.js';
import { listActivePhases } from './roadmap-queries.js';
import { textSlug } from './text.js';

export interface ExportedRoadmap {
  fileName: string;
  markdown: string;
}

/** A roadmap's current phases and items as markdown, with one member's statuses marked. */
export async function exportMemberRoadmap(
  db: Db,
  roadmap: Roadmap,
  userId: string,
): Promise<ExportedRoadmap> {
  const [phases, items, statuses] = await Promise.all([
    listActivePhases(db, roadmap.id),
    listActiveItems(db, roadmap.id),
    findMemberStatuses(db, userId, roadmap.id),
  ]);
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
    (item) => statuses.get(item.id) ?? 'todo',
  );
  return { fileName: `${textSlug(roadmap.name, 60)}.md`, markdown };
}
