import { describe, expect, it } from 'vitest';
import type { ResourceCategory } from '../../src/db/schema.js';
import {
  createResource,
  deleteResource,
  findRemovableResources,
  findResourceByKey,
  listResources,
} from '../../src/sharing/resources-queries.js';
import { useTestDatabase } from '../support/database.js';
import { ALICE, BOB, GUILD, OTHER_GUILD, seedRoadmapItem } from './seed.js';

describe('resources queries', () => {
  const handle = useTestDatabase();

  function add(
    url: string,
    options: {
      title?: string;
      category?: ResourceCategory;
      userId?: string;
      guildId?: string;
      itemId?: number;
      note?: string;
    } = {},
  ) {
    return createResource(
      handle.db,
      {
        guild_id: options.guildId ?? GUILD,
        user_id: options.userId ?? ALICE,
        url,
        title: options.title ?? url,
        category: options.category ?? 'documentation',
        item_id: options.itemId ?? null,
        note: options.note ?? null,
        created_at: '2026-11-26T10:00:00.000Z',
      },
      null,
      'UTC',
    );
  }

  it('GIVEN a new resource THEN it is stored with a resource_added event', async () => {
    const created = await add('https://docs.python.org', { title: 'Python docs' });
    expect(created).toBeDefined();
    const events = await handle.db.selectFrom('activity_events').selectAll().execute();
    expect(events).toMatchObject([
      {
        kind: 'resource_added',
        user_id: ALICE,
        subject_id: created?.id,
        link: 'https://docs.python.org',
        note: 'Python docs',
      },
    ]);
  });

  it('GIVEN a URL the guild already has THEN nothing is stored and no event is recorded, while another guild may add it', async () => {
    await add('https://docs.python.org');
    expect(await add('https://docs.python.org', { userId: BOB })).toBeUndefined();
    expect(await add('https://docs.python.org', { guildId: OTHER_GUILD })).toBeDefined();
    expect(await handle.db.selectFrom('activity_events').selectAll().execute()).toHaveLength(2);
    expect((await findResourceByKey(handle.db, GUILD, 'docs.python.org'))?.user_id).toBe(ALICE);
  });

  it('GIVEN the same link by another spelling (http, www.) THEN it is the same resource', async () => {
    await add('https://www.docs.python.org/3');
    expect(await add('http://docs.python.org/3', { userId: BOB })).toBeUndefined();
    expect((await findResourceByKey(handle.db, GUILD, 'docs.python.org/3'))?.url).toBe(
      'https://www.docs.python.org/3',
    );
  });

  it('GIVEN filters THEN the list matches category, item and search text (wildcards taken literally)', async () => {
    const { itemId } = await seedRoadmapItem(handle.db);
    await add('https://a.example', { title: 'Fluent Python', category: 'book', itemId });
    await add('https://b.example', { title: 'Real Python course', category: 'course' });
    await add('https://c.example', { title: '100% coverage', category: 'practice', note: 'pytest drills' });

    const titles = async (filter: Parameters<typeof listResources>[1]) =>
      (await listResources(handle.db, filter)).map((resource) => resource.title);
    expect(await titles({ guildId: GUILD, category: 'book' })).toEqual(['Fluent Python']);
    expect(await titles({ guildId: GUILD, itemId })).toEqual(['Fluent Python']);
    expect(await titles({ guildId: GUILD, search: 'PYTHON' })).toEqual([
      'Fluent Python',
      'Real Python course',
    ]);
    expect(await titles({ guildId: GUILD, search: '100%' })).toEqual(['100% coverage']);
    expect(await titles({ guildId: GUILD, search: '0%c' })).toEqual([]);
    expect(await titles({ guildId: GUILD, search: 'drills' })).toEqual(['100% coverage']);
    expect((await listResources(handle.db, { guildId: GUILD, itemId }))[0]?.item_label).toBe(
      'List comprehensions',
    );
  });

  it('GIVEN resources by two members THEN a member may remove their own and a moderator any', async () => {
    const alices = await add('https://a.example', { title: 'Alice link' });
    await add('https://b.example', { title: 'Bob link', userId: BOB });
    const removable = async (userId: string, moderator: boolean) =>
      (await findRemovableResources(handle.db, { guildId: GUILD, userId, moderator }, '', 25)).map(
        (r) => r.title,
      );
    expect(await removable(ALICE, false)).toEqual(['Alice link']);
    expect(await removable(ALICE, true)).toEqual(['Bob link', 'Alice link']);

    await deleteResource(handle.db, GUILD, alices!.id);
    expect(await removable(ALICE, true)).toEqual(['Bob link']);
  });
});
