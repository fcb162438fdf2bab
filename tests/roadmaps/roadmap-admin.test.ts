import { describe, expect, it } from 'vitest';
import { findFollowedRoadmap, listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { saveRoadmap } from '../../src/roadmaps/import-roadmap.js';
import { roadmapItemIndex } from '../../src/roadmaps/item-index-cache.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { previewReimport } from '../../src/roadmaps/pending-import.js';
import { setItemStatus } from '../../src/roadmaps/progress-queries.js';
import {
  archiveRoadmap,
  deleteRoadmap,
  describeRoadmapDeletion,
  renameRoadmap,
  restoreRoadmap,
  setDefaultRoadmap,
} from '../../src/roadmaps/roadmap-admin.js';
import { findRoadmapById, followRoadmap, listRoadmapSummaries } from '../../src/roadmaps/roadmap-queries.js';
import { UserError } from '../../src/shared/user-error.js';
import { useTestDatabase } from '../support/database.js';
import { seedRoadmap } from '../support/roadmap.js';

const GUILD = 'g1';
const ADMIN = 'admin';
const MEMBER = 'member';
const AT = new Date('2026-12-01T10:00:00.000Z');

const handle = useTestDatabase();

/** The server's default `python` (seeded first) and a second roadmap `web` with two items. */
async function twoRoadmaps() {
  const python = await seedRoadmap(handle.db, {
    guildId: GUILD,
    createdBy: ADMIN,
    now: AT,
    phases: { Basics: ['Variables'] },
  });
  const web = await seedRoadmap(handle.db, {
    guildId: GUILD,
    createdBy: ADMIN,
    now: AT,
    name: 'web',
    title: 'Web',
    phases: { Basics: ['HTML', 'CSS'] },
  });
  return { python, web };
}

const change = (roadmapId: number) => ({ guildId: GUILD, roadmapId, userId: ADMIN, at: AT });

async function log() {
  return handle.db
    .selectFrom('roadmap_admin_log')
    .select(['roadmap_id', 'action', 'detail', 'user_id', 'occurred_at'])
    .orderBy('id')
    .execute();
}

async function progressOn(itemId: number | undefined, status: 'done' | 'learning', userId = MEMBER) {
  if (itemId === undefined) throw new Error('no such item');
  await setItemStatus(handle.db, { guildId: GUILD, userId, itemId, status, at: AT, defaultTimezone: 'UTC' });
}

async function learningOn(itemId: number | null) {
  return handle.db
    .insertInto('learnings')
    .values({
      guild_id: GUILD,
      user_id: MEMBER,
      text: 'flexbox aligns on one axis',
      link: null,
      item_id: itemId,
      channel_id: null,
      message_id: null,
      thread_id: null,
      created_at: AT.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describe('roadmap admin changes', () => {
  it('GIVEN another roadmap made the default THEN it alone is the default and the change is logged with who and when', async () => {
    const { python, web } = await twoRoadmaps();
    await setDefaultRoadmap(handle.db, change(web.roadmapId));
    expect((await findRoadmapById(handle.db, GUILD, web.roadmapId))?.is_default).toBe(1);
    expect((await findRoadmapById(handle.db, GUILD, python.roadmapId))?.is_default).toBe(0);
    expect((await findFollowedRoadmap(handle.db, GUILD, MEMBER))?.id).toBe(web.roadmapId);
    expect(await log()).toEqual([
      {
        roadmap_id: web.roadmapId,
        action: 'default',
        detail: 'web',
        user_id: ADMIN,
        occurred_at: AT.toISOString(),
      },
    ]);
  });

  it('GIVEN a rename THEN the roadmap keeps its id and items under the new name, and the log names both', async () => {
    const { web } = await twoRoadmaps();
    const renamed = await renameRoadmap(handle.db, { ...change(web.roadmapId), name: 'Frontend' });
    expect(renamed).toMatchObject({ id: web.roadmapId, name: 'Frontend' });
    expect(await listActiveItems(handle.db, web.roadmapId)).toHaveLength(2);
    expect((await log()).map((entry) => entry.detail)).toEqual(['web → Frontend']);
  });

  it('GIVEN an archived roadmap THEN it leaves lists, its followers follow the default with their progress kept, and restoring brings both back', async () => {
    const { python, web } = await twoRoadmaps();
    await followRoadmap(handle.db, { guildId: GUILD, userId: MEMBER, roadmapId: web.roadmapId, at: AT });
    await progressOn(web.items.get('HTML'), 'done', MEMBER);

    const archived = await archiveRoadmap(handle.db, change(web.roadmapId));
    expect(archived).toMatchObject({ archived_at: AT.toISOString(), archived_by: ADMIN });
    expect((await listRoadmapSummaries(handle.db, GUILD)).map((roadmap) => roadmap.name)).toEqual(['python']);
    expect(
      (await listRoadmapSummaries(handle.db, GUILD, { includeArchived: true })).map(
        (roadmap) => roadmap.name,
      ),
    ).toEqual(['python', 'web']);
    expect((await findFollowedRoadmap(handle.db, GUILD, MEMBER))?.id).toBe(python.roadmapId);

    const restored = await restoreRoadmap(handle.db, change(web.roadmapId));
    expect(restored).toMatchObject({ archived_at: null, archived_by: null });
    expect((await findFollowedRoadmap(handle.db, GUILD, MEMBER))?.id).toBe(web.roadmapId);
    const progress = await handle.db.selectFrom('member_progress').select('status').execute();
    expect(progress).toEqual([{ status: 'done' }]);
    expect((await log()).map((entry) => entry.action)).toEqual(['archive', 'restore']);
  });

  it('GIVEN any admin change THEN the roadmap’s version moves on, so an in-memory index is rebuilt', async () => {
    const { web } = await twoRoadmaps();
    const before = await findRoadmapById(handle.db, GUILD, web.roadmapId);
    if (!before) throw new Error('no roadmap');
    const index = await roadmapItemIndex(handle.db, before);
    const renamed = await renameRoadmap(handle.db, { ...change(web.roadmapId), name: 'Frontend' });
    expect(renamed.version).toBe(before.version + 1);
    expect(await roadmapItemIndex(handle.db, renamed)).not.toBe(index);
  });

  it('GIVEN a roadmap to delete THEN the impact counts followers, members with progress and learnings tied to its items', async () => {
    const { web } = await twoRoadmaps();
    await followRoadmap(handle.db, { guildId: GUILD, userId: MEMBER, roadmapId: web.roadmapId, at: AT });
    for (const userId of [MEMBER, 'other']) {
      await progressOn(web.items.get('CSS'), 'learning', userId);
    }
    await learningOn(web.items.get('CSS') ?? null);
    await learningOn(null);
    expect(await describeRoadmapDeletion(handle.db, web.roadmapId)).toEqual({
      followers: 1,
      membersWithProgress: 2,
      learnings: 1,
    });
  });

  it('GIVEN a deleted roadmap THEN its phases, items, progress and follows are gone, its learnings stay without the item, and the log keeps its name', async () => {
    const { python, web } = await twoRoadmaps();
    await followRoadmap(handle.db, { guildId: GUILD, userId: MEMBER, roadmapId: web.roadmapId, at: AT });
    await progressOn(web.items.get('CSS'), 'done', MEMBER);
    const learning = await learningOn(web.items.get('CSS') ?? null);

    expect((await deleteRoadmap(handle.db, change(web.roadmapId)))?.name).toBe('web');
    expect(await findRoadmapById(handle.db, GUILD, web.roadmapId)).toBeUndefined();
    const left = async (table: 'roadmap_phases' | 'roadmap_items') =>
      handle.db.selectFrom(table).select('id').where('roadmap_id', '=', web.roadmapId).execute();
    expect(await left('roadmap_phases')).toEqual([]);
    expect(await left('roadmap_items')).toEqual([]);
    expect(await handle.db.selectFrom('member_progress').selectAll().execute()).toEqual([]);
    expect(await handle.db.selectFrom('member_roadmaps').selectAll().execute()).toEqual([]);
    expect(await handle.db.selectFrom('learnings').select(['id', 'item_id']).execute()).toEqual([
      { id: learning.id, item_id: null },
    ]);
    expect((await findFollowedRoadmap(handle.db, GUILD, MEMBER))?.id).toBe(python.roadmapId);
    expect(await log()).toEqual([
      {
        roadmap_id: web.roadmapId,
        action: 'delete',
        detail: 'web',
        user_id: ADMIN,
        occurred_at: AT.toISOString(),
      },
    ]);
    expect(await deleteRoadmap(handle.db, change(web.roadmapId))).toBeUndefined();
  });
});

describe('saveRoadmap and previewReimport', () => {
  const input = (name: string, mode: 'create' | 'refresh') => ({
    guildId: GUILD,
    userId: ADMIN,
    name,
    source: `${name}.md`,
    parsed: parseRoadmap('# Web\n\n## Basics\n\n- [ ] HTML\n'),
    at: AT,
    defaultTimezone: 'UTC',
    mode,
  });

  it('GIVEN replace with a name no roadmap has THEN it is refused naming the existing roadmaps, and nothing is created', async () => {
    await twoRoadmaps();
    const refused = previewReimport(handle.db, input('wbe', 'create'));
    await expect(refused).rejects.toBeInstanceOf(UserError);
    await expect(refused).rejects.toThrow(/no roadmap named “wbe” to replace.*“python”, “web”/);
    expect(await listRoadmapSummaries(handle.db, GUILD, { includeArchived: true })).toHaveLength(2);
  });

  it('GIVEN a refresh (a template) with a new name THEN it creates the roadmap', async () => {
    expect((await saveRoadmap(handle.db, input('web', 'refresh'))).created).toBe(true);
  });
});
