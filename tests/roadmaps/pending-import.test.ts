import { describe, expect, it } from 'vitest';
import { findMemberStatuses, listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import {
  applyPendingImport,
  deletePendingImportsBefore,
  discardPendingImport,
  IMPORT_NOT_PENDING,
  previewReimport,
  ROADMAP_CHANGED,
} from '../../src/roadmaps/pending-import.js';
import { setItemStatus } from '../../src/roadmaps/progress-queries.js';
import { countChanges } from '../../src/roadmaps/roadmap-diff.js';
import { findRoadmapById, listActivePhases } from '../../src/roadmaps/roadmap-queries.js';
import { createRoadmap, type RoadmapImport, reimportRoadmap } from '../../src/roadmaps/store-roadmap.js';
import { useTestDatabase } from '../support/database.js';
import { WEB_ROADMAP } from './support/web-roadmap.js';

const GUILD = 'g1';
const AT = new Date('2026-12-02T10:00:00.000Z');
const handle = useTestDatabase();

function importInput(markdown: string): RoadmapImport {
  return {
    guildId: GUILD,
    userId: 'admin',
    defaultTimezone: 'UTC',
    name: 'web',
    source: 'web.md',
    parsed: parseRoadmap(markdown),
    at: AT,
  };
}

const EDITED = WEB_ROADMAP.replace('## Phase 1: Basics', '## Phase 1: Foundations')
  .replace('- [ ] Learn the DOM\n', '')
  .replace('- [ ] Write integration tests\n', '- [ ] Learn the DOM\n')
  .replace('Learn CSS flexbox layouts', 'Learn CSS flexbox layout');

/** The roadmap with a member's progress on every item, and what a later import must not touch. */
async function seeded() {
  const { roadmap } = await createRoadmap(handle.db, importInput(WEB_ROADMAP));
  const items = await listActiveItems(handle.db, roadmap.id);
  for (const item of items) {
    await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: 'member',
      itemId: item.id,
      status: 'done',
      at: AT,
      defaultTimezone: 'UTC',
    });
  }
  return roadmap;
}

async function shape(roadmapId: number) {
  return {
    roadmap: await findRoadmapById(handle.db, GUILD, roadmapId),
    items: await listActiveItems(handle.db, roadmapId),
    phases: await listActivePhases(handle.db, roadmapId),
  };
}

const apply = (pendingId: string, at = AT) =>
  applyPendingImport(handle.db, { guildId: GUILD, pendingId, at, defaultTimezone: 'UTC' });

describe('previewReimport and applyPendingImport', () => {
  it('GIVEN a preview THEN nothing changes until Apply, which reports the same counts, keeps progress, and applies once', async () => {
    const roadmap = await seeded();
    const before = await shape(roadmap.id);
    const preview = await previewReimport(handle.db, importInput(EDITED));
    expect(await shape(roadmap.id)).toEqual(before);
    expect(countChanges(preview.diff)).toMatchObject({
      removed: 1,
      renamed: 1,
      moved: 1,
      phasesRenamed: 1,
      unchangedItems: 3,
    });
    expect(preview.diff.removed[0]).toMatchObject({
      label: 'Write integration tests',
      membersWithProgress: 1,
    });

    const outcome = await apply(preview.pendingId);
    expect(outcome.changes).toEqual(countChanges(preview.diff));
    expect(outcome.roadmap.version).toBe(roadmap.version + 1);
    const statuses = await findMemberStatuses(handle.db, 'member', roadmap.id);
    const items = await listActiveItems(handle.db, roadmap.id);
    expect(items.map((item) => [item.label, item.phase_title, statuses.get(item.id)])).toEqual([
      ['Learn HTML', 'Phase 1: Foundations', 'done'],
      ['Semantic elements', 'Phase 1: Foundations', 'done'],
      ['Learn CSS flexbox layout', 'Phase 1: Foundations', 'done'],
      ['Build a REST API with Express', 'Phase 2: Backend', 'done'],
      ['Learn the DOM', 'Phase 2: Backend', 'done'],
    ]);
    // The renamed phase is the same phase: page buttons and tallies that hold its id keep working.
    expect((await listActivePhases(handle.db, roadmap.id)).map((phase) => phase.id)).toEqual(
      before.phases.map((phase) => phase.id),
    );

    await expect(apply(preview.pendingId)).rejects.toThrow(IMPORT_NOT_PENDING);
  });

  it('GIVEN another import between the preview and Apply THEN Apply is refused and changes nothing', async () => {
    const roadmap = await seeded();
    const preview = await previewReimport(handle.db, importInput(EDITED));
    const current = await findRoadmapById(handle.db, GUILD, roadmap.id);
    await reimportRoadmap(handle.db, current!, importInput(`${WEB_ROADMAP}- [ ] Something new\n`));
    const before = await shape(roadmap.id);
    await expect(apply(preview.pendingId)).rejects.toThrow(ROADMAP_CHANGED);
    expect(await shape(roadmap.id)).toEqual(before);
  });

  it('GIVEN a cancelled preview THEN Apply finds nothing to apply, and cancelling again says so', async () => {
    const roadmap = await seeded();
    const before = await shape(roadmap.id);
    const preview = await previewReimport(handle.db, importInput(EDITED));
    expect(await discardPendingImport(handle.db, GUILD, preview.pendingId)).toBe(true);
    await expect(apply(preview.pendingId)).rejects.toThrow(IMPORT_NOT_PENDING);
    expect(await discardPendingImport(handle.db, GUILD, preview.pendingId)).toBe(false);
    expect(await shape(roadmap.id)).toEqual(before);
  });

  it('GIVEN a preview from another server THEN it cannot be applied here', async () => {
    await seeded();
    const preview = await previewReimport(handle.db, importInput(EDITED));
    await expect(
      applyPendingImport(handle.db, {
        guildId: 'g2',
        pendingId: preview.pendingId,
        at: AT,
        defaultTimezone: 'UTC',
      }),
    ).rejects.toThrow(IMPORT_NOT_PENDING);
  });

  it('GIVEN previews of different ages THEN pruning removes only those older than the cutoff', async () => {
    await seeded();
    const old = await previewReimport(handle.db, importInput(EDITED));
    const fresh = await previewReimport(handle.db, {
      ...importInput(EDITED),
      at: new Date(AT.getTime() + 60_000),
    });
    expect(await deletePendingImportsBefore(handle.db, new Date(AT.getTime() + 1_000))).toBe(1);
    await expect(apply(old.pendingId)).rejects.toThrow(IMPORT_NOT_PENDING);
    expect((await apply(fresh.pendingId)).created).toBe(false);
  });
});
