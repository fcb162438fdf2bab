import { describe, expect, it } from 'vitest';
import { roadmapPages } from '../../commands/components/roadmap-pages.js';
import type { AppContext } from '../../src/context.js';
import { exportMemberRoadmap } from '../../src/roadmaps/export-member-roadmap.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  listActiveItems,
} from '../../src/roadmaps/followed-roadmap.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { setItemStatus } from '../../src/roadmaps/progress-queries.js';
import { followRoadmap, listActivePhases, listRoadmapSummaries } from '../../src/roadmaps/roadmap-queries.js';
import { createRoadmap, type RoadmapImport, reimportRoadmap } from '../../src/roadmaps/store-roadmap.js';
import { useTestDatabase } from '../support/database.js';
import { WEB_ROADMAP } from './support/web-roadmap.js';

const GUILD = 'g1';
const ADMIN = 'admin';
const MEMBER = 'member';
const AT = new Date('2026-11-26T10:00:00.000Z');

const handle = useTestDatabase();

function importInput(markdown: string, overrides: Partial<RoadmapImport> = {}): RoadmapImport {
  return {
    guildId: GUILD,
    userId: ADMIN,
    defaultTimezone: 'UTC',
    name: 'web',
    source: 'web.md',
    parsed: parseRoadmap(markdown),
    at: AT,
    ...overrides,
  };
}

async function itemId(roadmapId: number, label: string): Promise<number> {
  const item = (await listActiveItems(handle.db, roadmapId)).find((row) => row.label === label);
  if (!item) throw new Error(`no active item ${label}`);
  return item.id;
}

async function check(id: number, status: 'done' | 'learning' | 'skipped' | 'todo', userId = MEMBER) {
  return setItemStatus(handle.db, {
    guildId: GUILD,
    userId,
    itemId: id,
    status,
    at: AT,
    defaultTimezone: 'UTC',
  });
}

describe('createRoadmap', () => {
  it('GIVEN a parsed roadmap THEN its phases and items are stored in order with parent ids, and the first roadmap becomes the default', async () => {
    const outcome = await createRoadmap(handle.db, importInput(WEB_ROADMAP));
    expect(outcome).toMatchObject({
      created: true,
      changes: { added: 6, removed: 0, renamed: 0, moved: 0, phasesAdded: 2 },
      statusesApplied: 0,
    });
    expect(outcome.roadmap).toMatchObject({
      name: 'web',
      title: 'Web path',
      is_default: 1,
      created_by: ADMIN,
    });

    const phases = await listActivePhases(handle.db, outcome.roadmap.id);
    expect(phases.map((phase) => phase.title)).toEqual(['Phase 1: Basics', 'Phase 2: Backend']);
    const items = await listActiveItems(handle.db, outcome.roadmap.id);
    expect(items.map((item) => item.label)).toEqual([
      'Learn HTML',
      'Semantic elements',
      'Learn CSS flexbox layouts',
      'Learn the DOM',
      'Build a REST API with Express',
      'Write integration tests',
    ]);
    const [html, semantic] = items;
    expect(semantic?.parent_item_id).toBe(html?.id);
    expect(semantic?.depth).toBe(1);

    const second = await createRoadmap(handle.db, importInput(WEB_ROADMAP, { name: 'other' }));
    expect(second.roadmap.is_default).toBe(0);
    expect((await findFollowedRoadmap(handle.db, GUILD, MEMBER))?.id).toBe(outcome.roadmap.id);
  });

  it('GIVEN a file with [x] and status notes THEN they become the importer’s statuses, with imported-status events, and nobody else’s', async () => {
    const outcome = await createRoadmap(
      handle.db,
      importInput('## P\n- [x] One\n- [ ] Two _(learning)_\n- [ ] Three _(skipped)_\n- [ ] Four\n'),
    );
    expect(outcome.statusesApplied).toBe(3);
    const statuses = await findMemberStatuses(handle.db, ADMIN, outcome.roadmap.id);
    expect([...statuses.values()].sort()).toEqual(['done', 'learning', 'skipped']);
    expect((await findMemberStatuses(handle.db, MEMBER, outcome.roadmap.id)).size).toBe(0);
    const events = await handle.db.selectFrom('activity_events').selectAll().execute();
    expect(events).toHaveLength(3);
    expect(events.every((event) => event.user_id === ADMIN && event.from_status === 'todo')).toBe(true);
    // Marks read from a file are history, not this week's work: digests and streaks skip them.
    expect(events.every((event) => event.kind === 'item_status_imported')).toBe(true);
    expect(await handle.db.selectFrom('member_streaks').selectAll().execute()).toEqual([]);
  });

  it('GIVEN a 2,000-item roadmap THEN it is stored in one go', async () => {
    const lines = ['## Big'];
    for (let n = 0; n < 2_000; n += 1) lines.push(`- [ ] Item number ${n}`);
    const outcome = await createRoadmap(handle.db, importInput(lines.join('\n')));
    expect((await listActiveItems(handle.db, outcome.roadmap.id)).length).toBe(2_000);
  });
});

describe('reimportRoadmap', () => {
  it('GIVEN progress and an edited file THEN edited, moved and kept items keep their progress and the counts are reported', async () => {
    const { roadmap } = await createRoadmap(handle.db, importInput(WEB_ROADMAP));
    const flexbox = await itemId(roadmap.id, 'Learn CSS flexbox layouts');
    const dom = await itemId(roadmap.id, 'Learn the DOM');
    const api = await itemId(roadmap.id, 'Build a REST API with Express');
    const tests = await itemId(roadmap.id, 'Write integration tests');
    await check(flexbox, 'done');
    await check(dom, 'learning');
    await check(api, 'done');
    await check(tests, 'skipped');

    const edited = `# Web path

## Phase 1: Basics
- [ ] Learn HTML
  - [ ] Semantic elements
- [ ] Learn CSS flexbox layout
- [ ] Learn accessibility basics

## Phase 2: Backend
- [ ] Learn the DOM
- [ ] Build a REST API with Express
`;
    const outcome = await reimportRoadmap(handle.db, roadmap, importInput(edited));
    // The edited label is renamed in place; the DOM item moved to Phase 2.
    expect(outcome).toMatchObject({
      created: false,
      changes: { added: 1, removed: 1, renamed: 1, moved: 1, unchangedItems: 3 },
    });

    expect(await itemId(roadmap.id, 'Learn CSS flexbox layout')).toBe(flexbox);
    expect(await itemId(roadmap.id, 'Learn the DOM')).toBe(dom);
    const statuses = await findMemberStatuses(handle.db, MEMBER, roadmap.id);
    expect(statuses.get(flexbox)).toBe('done');
    expect(statuses.get(dom)).toBe('learning');
    const items = await listActiveItems(handle.db, roadmap.id);
    expect(items.find((item) => item.id === dom)?.phase_title).toBe('Phase 2: Backend');
    expect(items.map((item) => item.id)).not.toContain(tests);

    const back = await reimportRoadmap(handle.db, roadmap, importInput(WEB_ROADMAP));
    expect(back).toMatchObject({ changes: { added: 1, removed: 1 } });
    expect(await itemId(roadmap.id, 'Write integration tests')).toBe(tests);
    expect((await findMemberStatuses(handle.db, MEMBER, roadmap.id)).get(tests)).toBe('skipped');
  });

  it('GIVEN two items that swap places THEN the re-import keeps both ids and the key constraint holds', async () => {
    const { roadmap } = await createRoadmap(handle.db, importInput('## A\n- [ ] First\n- [ ] Second\n'));
    const first = await itemId(roadmap.id, 'First');
    const outcome = await reimportRoadmap(
      handle.db,
      roadmap,
      importInput('## A\n- [ ] Second\n- [ ] First\n'),
    );
    expect(outcome).toMatchObject({ changes: { added: 0, removed: 0, renamed: 0, moved: 0 } });
    const items = await listActiveItems(handle.db, roadmap.id);
    expect(items.map((item) => item.label)).toEqual(['Second', 'First']);
    expect(items[1]?.id).toBe(first);
  });

  it('GIVEN a renamed phase THEN the old phase is retired and the items move with their progress', async () => {
    const { roadmap } = await createRoadmap(handle.db, importInput('## Old name\n- [ ] Keep me\n'));
    const keep = await itemId(roadmap.id, 'Keep me');
    await check(keep, 'done');
    await reimportRoadmap(handle.db, roadmap, importInput('## New name\n- [ ] Keep me\n'));
    expect((await listActivePhases(handle.db, roadmap.id)).map((phase) => phase.title)).toEqual(['New name']);
    expect((await findMemberStatuses(handle.db, MEMBER, roadmap.id)).get(keep)).toBe('done');
  });
});

describe('round trip', () => {
  it('GIVEN an import, some checks and an export THEN importing the export as a new roadmap gives the same items and statuses to the importer', async () => {
    const { roadmap } = await createRoadmap(handle.db, importInput(WEB_ROADMAP));
    await check(await itemId(roadmap.id, 'Semantic elements'), 'done');
    await check(await itemId(roadmap.id, 'Learn the DOM'), 'learning');
    await check(await itemId(roadmap.id, 'Write integration tests'), 'skipped');

    const file = await exportMemberRoadmap(handle.db, roadmap, MEMBER);
    const copy = await createRoadmap(
      handle.db,
      importInput(file.markdown, { name: 'copy', userId: MEMBER, source: file.fileName }),
    );

    const shape = async (roadmapId: number) => {
      const statuses = await findMemberStatuses(handle.db, MEMBER, roadmapId);
      return (await listActiveItems(handle.db, roadmapId)).map((item) => ({
        key: item.key,
        label: item.label,
        markdown: item.markdown,
        phase: item.phase_title,
        depth: item.depth,
        status: statuses.get(item.id) ?? 'todo',
      }));
    };
    expect(await shape(copy.roadmap.id)).toEqual(await shape(roadmap.id));
  });
});

describe('listRoadmapSummaries and followRoadmap', () => {
  it('GIVEN members who chose a roadmap and members with progress on the default THEN both are counted as followers', async () => {
    const { roadmap: web } = await createRoadmap(handle.db, importInput(WEB_ROADMAP));
    const { roadmap: other } = await createRoadmap(handle.db, importInput(WEB_ROADMAP, { name: 'other' }));
    await check(await itemId(web.id, 'Learn HTML'), 'done', 'a');
    await followRoadmap(handle.db, { guildId: GUILD, userId: 'b', roadmapId: other.id, at: AT });
    await followRoadmap(handle.db, { guildId: GUILD, userId: 'c', roadmapId: other.id, at: AT });
    await followRoadmap(handle.db, { guildId: GUILD, userId: 'c', roadmapId: web.id, at: AT });

    const summaries = await listRoadmapSummaries(handle.db, GUILD);
    expect(summaries.map((summary) => [summary.name, summary.item_count, summary.follower_count])).toEqual([
      ['web', 6, 2],
      ['other', 6, 1],
    ]);
    expect((await findFollowedRoadmap(handle.db, GUILD, 'b'))?.id).toBe(other.id);
  });
});

describe('roadmap view pages after the roadmap changed', () => {
  it('GIVEN a page button of a phase that a re-import removed, or of a roadmap that is gone THEN the member is told to run the view again', async () => {
    const { roadmap } = await createRoadmap(handle.db, importInput('## Old\n- [ ] A\n## Kept\n- [ ] B\n'));
    const [old] = await listActivePhases(handle.db, roadmap.id);
    await reimportRoadmap(handle.db, roadmap, importInput('## Kept\n- [ ] B\n'));
    const ctx = { db: handle.db } as AppContext;
    const state = {
      kind: 'progress' as const,
      guildId: GUILD,
      roadmapId: roadmap.id,
      memberId: MEMBER,
      memberName: 'm',
    };
    await expect(roadmapPages.render(ctx, { ...state, phaseId: old?.id ?? 0 }, 1)).rejects.toThrow(
      /no longer part of the roadmap/,
    );
    await expect(roadmapPages.render(ctx, { ...state, roadmapId: 999, phaseId: null }, 0)).rejects.toThrow(
      /no longer exists/,
    );
    const overview = await roadmapPages.render(ctx, { ...state, phaseId: null }, 5);
    expect(overview.pageCount).toBe(1);
    expect(overview.embed.data.description).toContain('**Kept**');
  });
});
