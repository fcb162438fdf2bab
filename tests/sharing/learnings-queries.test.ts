import { describe, expect, it } from 'vitest';
import {
  createLearning,
  findLearning,
  LEARNING_COUNT_CAP,
  searchLearnings,
  setLearningThread,
  toFtsQuery,
  toTsQuery,
} from '../../src/sharing/learnings-queries.js';
import { useTestDatabase } from '../support/database.js';
import { ALICE, BOB, GUILD, OTHER_GUILD, seedRoadmapItem } from './seed.js';

describe('toFtsQuery', () => {
  it.each([
    ['async await', '"async" "await"*'],
    ['  Python  ', '"Python"*'],
    ['"unbalanced AND OR NOT* (', '"unbalanced" "AND" "OR" "NOT"*'],
    ['naïve café', '"naïve" "café"*'],
    ['!!! ---', null],
    ['', null],
  ])('%j → %j', (search, expected) => {
    expect(toFtsQuery(search)).toBe(expected);
  });
});

describe('toTsQuery', () => {
  it.each([
    ['async await', 'async & await:*'],
    ['"unbalanced AND | ! (NOT:*', 'unbalanced & AND & NOT:*'],
    ['naïve café', 'naïve & café:*'],
    ['!!! ---', null],
  ])('%j → %j', (search, expected) => {
    expect(toTsQuery(search)).toBe(expected);
  });
});

describe('learnings queries', () => {
  const handle = useTestDatabase();

  async function share(
    text: string,
    options: { userId?: string; guildId?: string; tags?: string; minute?: number; itemId?: number } = {},
  ) {
    return createLearning(
      handle.db,
      {
        guild_id: options.guildId ?? GUILD,
        user_id: options.userId ?? ALICE,
        text,
        tags: options.tags ?? '',
        item_id: options.itemId ?? null,
        link: null,
        channel_id: null,
        message_id: null,
        thread_id: null,
        created_at: new Date(Date.UTC(2026, 10, 26, 10, options.minute ?? 0)).toISOString(),
      },
      null,
      'UTC',
    );
  }

  it('GIVEN a new learning THEN it is stored with a learning_shared event in the activity log', async () => {
    const { roadmapId, itemId } = await seedRoadmapItem(handle.db);
    const learning = await createLearning(
      handle.db,
      {
        guild_id: GUILD,
        user_id: ALICE,
        text: 'Generators are lazy',
        item_id: itemId,
        link: 'https://example.com',
        created_at: '2026-11-26T10:00:00.000Z',
        channel_id: null,
        message_id: null,
        thread_id: null,
      },
      roadmapId,
      'UTC',
    );
    const events = await handle.db.selectFrom('activity_events').selectAll().execute();
    expect(events).toMatchObject([
      {
        kind: 'learning_shared',
        guild_id: GUILD,
        user_id: ALICE,
        subject_id: learning.id,
        item_id: itemId,
        roadmap_id: roadmapId,
        occurred_at: '2026-11-26T10:00:00.000Z',
        link: 'https://example.com',
      },
    ]);
  });

  it('GIVEN learnings with words in text and tags THEN search finds them newest first, by word stem and prefix', async () => {
    await share('List comprehensions replace map and filter', { minute: 1 });
    await share('Decorators wrap functions', { minute: 2, tags: 'python' });
    await share('Decorating a class is possible too', { minute: 3 });
    await share('Python decorators in other guild', { guildId: OTHER_GUILD, minute: 4 });

    const decorators = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'decorator' },
      { limit: 10, offset: 0 },
    );
    expect(decorators.learnings.map((learning) => learning.text)).toEqual([
      'Decorating a class is possible too',
      'Decorators wrap functions',
    ]);
    expect(decorators.total).toBe(2);

    const byTag = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'python' },
      { limit: 10, offset: 0 },
    );
    expect(byTag.learnings.map((learning) => learning.text)).toEqual(['Decorators wrap functions']);

    const prefix = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'comprehen' },
      { limit: 10, offset: 0 },
    );
    expect(prefix.total).toBe(1);
  });

  it('GIVEN accents, capitals, common words and several words THEN search folds them and requires every word', async () => {
    await share('A naïve Café implementation', { minute: 1 });
    await share('The event loop explained', { minute: 2 });
    await share('Loop unrolling', { minute: 3 });
    const found = async (search: string) =>
      (await searchLearnings(handle.db, { guildId: GUILD, search }, { limit: 10, offset: 0 })).learnings.map(
        (learning) => learning.text,
      );

    expect(await found('naive cafe')).toEqual(['A naïve Café implementation']);
    expect(await found('NAÏVE')).toEqual(['A naïve Café implementation']);
    expect(await found('the loop')).toEqual(['The event loop explained']);
    expect(await found('loop')).toEqual(['Loop unrolling', 'The event loop explained']);
    expect(await found('loop explain')).toEqual(['The event loop explained']);
    expect(await found('loop recursion')).toEqual([]);
  });

  it('GIVEN a search with FTS syntax characters THEN it is treated as plain words', async () => {
    await share('Use AND in boolean logic');
    const result = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'AND "boolean' },
      { limit: 10, offset: 0 },
    );
    expect(result.total).toBe(1);
  });

  it('GIVEN member and item filters THEN only matching learnings are listed, paginated, with the item label', async () => {
    const { itemId } = await seedRoadmapItem(handle.db);
    for (let minute = 0; minute < 7; minute++) await share(`Alice note ${minute}`, { minute, itemId });
    await share('Bob note', { userId: BOB, minute: 10, itemId });

    const first = await searchLearnings(
      handle.db,
      { guildId: GUILD, userId: ALICE },
      { limit: 5, offset: 0 },
    );
    expect(first.total).toBe(7);
    expect(first.learnings.map((learning) => learning.text)).toEqual([
      'Alice note 6',
      'Alice note 5',
      'Alice note 4',
      'Alice note 3',
      'Alice note 2',
    ]);
    expect(first.learnings[0]?.item_label).toBe('List comprehensions');
    const second = await searchLearnings(
      handle.db,
      { guildId: GUILD, userId: ALICE },
      { limit: 5, offset: 5 },
    );
    expect(second.learnings.map((learning) => learning.text)).toEqual(['Alice note 1', 'Alice note 0']);

    const byItem = await searchLearnings(handle.db, { guildId: GUILD, itemId }, { limit: 10, offset: 0 });
    expect(byItem.total).toBe(8);
  });

  it('GIVEN more matches than the count cap THEN the total stops at the cap and says so, pages still read', async () => {
    await handle.db
      .insertInto('learnings')
      .values(
        Array.from({ length: LEARNING_COUNT_CAP + 5 }, (_, index) => ({
          guild_id: GUILD,
          user_id: ALICE,
          text: `Note number ${index}`,
          tags: '',
          created_at: '2026-11-26T10:00:00.000Z',
        })),
      )
      .execute();
    const searched = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'note' },
      { limit: 2, offset: 0 },
    );
    expect(searched).toMatchObject({ total: LEARNING_COUNT_CAP, capped: true });
    expect(searched.learnings.map((learning) => learning.text)).toEqual([
      'Note number 1004',
      'Note number 1003',
    ]);
    const listed = await searchLearnings(handle.db, { guildId: GUILD }, { limit: 2, offset: 1_000 });
    expect(listed).toMatchObject({ total: LEARNING_COUNT_CAP, capped: true });
    expect(listed.learnings.map((learning) => learning.text)).toEqual(['Note number 4', 'Note number 3']);
    const few = await searchLearnings(
      handle.db,
      { guildId: GUILD, search: 'number 1004' },
      { limit: 2, offset: 0 },
    );
    expect(few).toMatchObject({ total: 1, capped: false });
  });

  it('GIVEN an edited or deleted learning THEN the search index follows', async () => {
    const learning = await share('Original words');
    await handle.db
      .updateTable('learnings')
      .set({ text: 'Replacement text' })
      .where('id', '=', learning.id)
      .execute();
    const page = { limit: 10, offset: 0 };
    expect((await searchLearnings(handle.db, { guildId: GUILD, search: 'original' }, page)).total).toBe(0);
    expect((await searchLearnings(handle.db, { guildId: GUILD, search: 'replacement' }, page)).total).toBe(1);
    await handle.db.deleteFrom('learnings').where('id', '=', learning.id).execute();
    expect((await searchLearnings(handle.db, { guildId: GUILD, search: 'replacement' }, page)).total).toBe(0);
  });

  it('GIVEN a learning whose thread is recorded THEN a second thread is not recorded over it', async () => {
    const learning = await share('Threads');
    expect(await setLearningThread(handle.db, learning, '111', new Date('2026-11-26T10:00:00Z'))).toBe(true);
    expect(await setLearningThread(handle.db, learning, '222', new Date('2026-11-26T10:05:00Z'))).toBe(false);
    expect(
      await handle.db
        .selectFrom('discussion_threads')
        .selectAll()
        .where('thread_id', '=', '111')
        .executeTakeFirst(),
    ).toMatchObject({ owner_user_id: learning.user_id, kind: 'learning', subject_id: learning.id });
    expect((await findLearning(handle.db, GUILD, learning.id))?.thread_id).toBe('111');
    expect(await findLearning(handle.db, OTHER_GUILD, learning.id)).toBeUndefined();
  });
});
