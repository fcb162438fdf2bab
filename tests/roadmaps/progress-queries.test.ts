import { describe, expect, it } from 'vitest';
import { checkItem, completesPhase, parseNote } from '../../src/roadmaps/check-item.js';
import { listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { findPhaseTally, setItemStatus } from '../../src/roadmaps/progress-queries.js';
import { createRoadmap } from '../../src/roadmaps/store-roadmap.js';
import { useTestDatabase } from '../support/database.js';

const GUILD = 'g1';
const MEMBER = 'member';
const AT = new Date('2026-11-26T10:00:00.000Z');

const handle = useTestDatabase();

async function setup() {
  const { roadmap } = await createRoadmap(handle.db, {
    guildId: GUILD,
    userId: 'admin',
    name: 'r',
    source: 'r.md',
    defaultTimezone: 'UTC',
    parsed: parseRoadmap('## One\n- [ ] A\n- [ ] B\n## Two\n- [ ] C\n'),
    at: AT,
  });
  const items = await listActiveItems(handle.db, roadmap.id);
  return { roadmap, items };
}

describe('setItemStatus', () => {
  it('GIVEN a status change THEN member_progress and an item_status event are written together', async () => {
    const { roadmap, items } = await setup();
    const [a] = items;
    if (!a) throw new Error('no item');
    const result = await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: MEMBER,
      itemId: a.id,
      status: 'learning',
      note: 'halfway',
      link: 'https://example.com',
      at: AT,
      defaultTimezone: 'UTC',
    });
    // The streak the change placed comes back with it, for the reply (2026-11-26 is in the week of the 23rd).
    const firstWeek = { currentWeeks: 1, longestWeeks: 1, lastActiveWeek: '2026-11-23' };
    expect(result).toEqual({
      changed: true,
      from: 'todo',
      to: 'learning',
      streak: { timeZone: 'UTC', state: firstWeek },
    });
    const progress = await handle.db.selectFrom('member_progress').selectAll().executeTakeFirstOrThrow();
    expect(progress).toMatchObject({
      status: 'learning',
      note: 'halfway',
      link: 'https://example.com',
      updated_at: AT.toISOString(),
    });
    const events = await handle.db.selectFrom('activity_events').selectAll().execute();
    expect(events).toEqual([
      expect.objectContaining({
        guild_id: GUILD,
        user_id: MEMBER,
        kind: 'item_status',
        occurred_at: AT.toISOString(),
        roadmap_id: roadmap.id,
        item_id: a.id,
        from_status: 'todo',
        to_status: 'learning',
        note: 'halfway',
      }),
    ]);

    const later = new Date(AT.getTime() + 60_000);
    const done = await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: MEMBER,
      itemId: a.id,
      status: 'done',
      at: later,
      defaultTimezone: 'UTC',
    });
    expect(done).toEqual({
      changed: true,
      from: 'learning',
      to: 'done',
      streak: { timeZone: 'UTC', state: firstWeek },
    });
    expect(await handle.db.selectFrom('activity_events').selectAll().execute()).toHaveLength(2);
  });

  it('GIVEN the status the item already has THEN nothing is recorded', async () => {
    const { items } = await setup();
    const id = items[0]?.id ?? 0;
    const todo = await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: MEMBER,
      itemId: id,
      status: 'todo',
      at: AT,
      defaultTimezone: 'UTC',
    });
    expect(todo.changed).toBe(false);
    await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: MEMBER,
      itemId: id,
      status: 'done',
      at: AT,
      defaultTimezone: 'UTC',
    });
    const again = await setItemStatus(handle.db, {
      guildId: GUILD,
      userId: MEMBER,
      itemId: id,
      status: 'done',
      at: AT,
      defaultTimezone: 'UTC',
    });
    expect(again).toEqual({ changed: false, from: 'done', to: 'done' });
    expect(await handle.db.selectFrom('activity_events').selectAll().execute()).toHaveLength(1);
  });
});

describe('checkItem and phase completion', () => {
  it('GIVEN the last open item of a phase is finished THEN the phase is completed once, not again on done → skipped', async () => {
    const { items } = await setup();
    const [a, b] = items;
    if (!a || !b) throw new Error('no items');
    const input = { guildId: GUILD, userId: MEMBER, note: null, link: null, at: AT, defaultTimezone: 'UTC' };
    const first = await checkItem(handle.db, { ...input, item: a, status: 'done' });
    expect(first).toMatchObject({ completedPhase: false, tally: { total: 2, finished: 1 } });
    const second = await checkItem(handle.db, { ...input, item: b, status: 'skipped' });
    expect(second).toMatchObject({ completedPhase: true, tally: { total: 2, finished: 2 } });
    const third = await checkItem(handle.db, { ...input, item: b, status: 'done' });
    expect(third.completedPhase).toBe(false);
    expect(await findPhaseTally(handle.db, 'someone-else', a.phase_id)).toEqual({ total: 2, finished: 0 });
  });

  it.each([
    [{ changed: true, from: 'todo', to: 'done' }, { total: 1, finished: 1 }, true],
    [{ changed: true, from: 'learning', to: 'skipped' }, { total: 3, finished: 3 }, true],
    [{ changed: true, from: 'done', to: 'skipped' }, { total: 3, finished: 3 }, false],
    [{ changed: false, from: 'done', to: 'done' }, { total: 3, finished: 3 }, false],
    [{ changed: true, from: 'todo', to: 'learning' }, { total: 3, finished: 2 }, false],
    [{ changed: true, from: 'todo', to: 'done' }, { total: 3, finished: 2 }, false],
  ] as const)('completesPhase(%o, %o) → %s', (result, tally, expected) => {
    expect(completesPhase(result, tally)).toBe(expected);
  });
});

describe('parseNote', () => {
  it('GIVEN blank text THEN there is no note', () => {
    expect(parseNote('  ')).toBeNull();
  });

  it('GIVEN a note over 500 characters THEN it is refused', () => {
    expect(() => parseNote('x'.repeat(501))).toThrow(/at most 500/);
    expect(parseNote(` ${'x'.repeat(500)} `)).toHaveLength(500);
  });

  it('GIVEN a note of zero-width characters or with a link hiding its target THEN it is refused', () => {
    expect(() => parseNote('\u200b\u200d')).toThrow(/The note has only invisible characters/);
    expect(() => parseNote('[https://good.example](https://evil.example)')).toThrow(
      /The note has a link that shows https:\/\/good\.example but leads to https:\/\/evil\.example/,
    );
  });
});
