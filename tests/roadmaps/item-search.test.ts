import { describe, expect, it } from 'vitest';
import {
  buildItemIndex,
  resolveItemInput,
  type SearchableItem,
  searchItems,
} from '../../src/roadmaps/item-search.js';
import type { ItemStatus } from '../../src/roadmaps/item-status.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { findRoadmapTemplate } from '../../src/roadmaps/templates/index.js';
import { generateRoadmapMarkdown } from './support/roadmap-fixtures.js';

function searchable(source: string): SearchableItem[] {
  const roadmap = parseRoadmap(source);
  return roadmap.items.map((item) => ({
    id: item.position + 1,
    label: item.label,
    phaseTitle: roadmap.phases[item.phaseIndex]?.title ?? '',
    position: item.position,
  }));
}

const template = await findRoadmapTemplate('python-developer')?.load();
const items = searchable(template ?? '');
const index = buildItemIndex(items);
const labelOf = (value: string) => items.find((item) => String(item.id) === value)?.label;
const labels = (query: string, statusOf?: (id: number) => ItemStatus) =>
  searchItems(index, query, { statusOf }).map((choice) => labelOf(choice.value));

describe('searchItems', () => {
  it('finds words anywhere in the label, case-insensitively', () => {
    expect(labels('METACLASSES')).toEqual([
      'Mastery of decorators, metaclasses, and other metaprogramming features.',
    ]);
    expect(labels('metaprog deco')).toEqual([
      'Mastery of decorators, metaclasses, and other metaprogramming features.',
    ]);
  });

  it('ignores accents', () => {
    expect(labels('métaclasses')).toEqual([
      'Mastery of decorators, metaclasses, and other metaprogramming features.',
    ]);
  });

  it('matches inside words after word starts', () => {
    expect(labels('classes')[0]).toBe(
      'Mastery of decorators, metaclasses, and other metaprogramming features.',
    );
    const [first, ...rest] = labels('test');
    expect(first).toMatch(/^Writing comprehensive unit, integration, and end-to-end tests/);
    expect(rest.length).toBeGreaterThan(0);
  });

  it('tolerates one typo in words of four letters or more, ranked after exact matches', () => {
    expect(labels('decoratrs')).toEqual([
      'Mastery of decorators, metaclasses, and other metaprogramming features.',
    ]);
    expect(labels('asynco')).toContain(
      'Mastery of asynchronous programming with asyncio, including event loops, tasks, and asynchronous…',
    );
    expect(labels('pyt')).not.toContain(undefined);
    expect(labels('dcker')[0]).toMatch(/Docker/);
    expect(labels('qqqq')).toEqual([]);
    expect(labels('xqz')).toEqual([]);
  });

  it('puts open items before finished ones, then better matches, then document order', () => {
    const done = new Set(
      items
        .filter((item) => /Django/.test(item.label))
        .slice(0, 2)
        .map((item) => item.id),
    );
    const statusOf = (id: number): ItemStatus => (done.has(id) ? 'done' : 'todo');
    const ranked = searchItems(index, 'django', { statusOf }).map((choice) => Number(choice.value));
    expect(ranked.slice(-2).sort()).toEqual([...done].sort());
    const finishedFirst = searchItems(index, 'django', { statusOf, prefer: 'finished' }).map((choice) =>
      Number(choice.value),
    );
    expect(finishedFirst.slice(0, 2).sort()).toEqual([...done].sort());
  });

  it('lists the next open items for an empty query', () => {
    const statusOf = (id: number): ItemStatus => (id <= 3 ? 'done' : id === 4 ? 'learning' : 'todo');
    const choices = searchItems(index, '  ', { statusOf });
    expect(choices).toHaveLength(25);
    expect(choices.slice(0, 3).map((choice) => choice.value)).toEqual(['4', '5', '6']);
  });

  it('names choices with their phase and keeps them within Discord limits', () => {
    const [choice] = searchItems(index, 'metaclasses');
    expect(choice?.name).toBe(
      'Phase 1 · Mastery of decorators, metaclasses, and other metaprogramming features.',
    );
    const long = buildItemIndex([
      {
        id: 123456,
        label: `Learn ${'very '.repeat(200)}long things`,
        phaseTitle: 'A phase title far too long to show whole',
        position: 0,
      },
    ]);
    const [longChoice] = searchItems(long, 'long');
    expect(longChoice?.name.length).toBeLessThanOrEqual(100);
    // The label fills the choice: the phase makes way for the item's own words.
    expect(longChoice?.name).toMatch(/^Learn very/);
    expect(longChoice?.value).toBe('123456');
  });

  it('returns at most 25 choices', () => {
    expect(searchItems(index, 'understanding').length).toBeLessThan(25);
    expect(searchItems(index, 'e')).toHaveLength(25);
    expect(searchItems(index, '')).toHaveLength(25);
    expect(searchItems(index, '', { limit: 5 })).toHaveLength(5);
    expect(searchItems(index, '', { limit: 100 })).toHaveLength(25);
  });

  it('GIVEN 2,000 items THEN every kind of query stays within Discord’s choice limits (speed: bench/)', () => {
    const big = buildItemIndex(searchable(generateRoadmapMarkdown({ phases: 20, itemsPerPhase: 100 })));
    const queries = ['', 'decorators', 'dec', 'closres', 'topic 1999', 'learn python asyncio', 'zzzz'];
    for (const query of queries) {
      const choices = searchItems(big, query, { statusOf: (id) => (id % 3 === 0 ? 'done' : 'todo') });
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('resolveItemInput', () => {
  it('accepts a choice value', () => {
    expect(resolveItemInput(index, '3')?.id).toBe(3);
  });

  it('resolves typed text that names exactly one item', () => {
    expect(resolveItemInput(index, 'metaclasses')?.id).toBe(3);
    expect(resolveItemInput(index, 'Advanced usage of virtual environment management tools')?.id).toBe(12);
    expect(resolveItemInput(index, 'metaclases')?.id).toBe(3);
  });

  it('refuses ambiguous or unknown text', () => {
    expect(resolveItemInput(index, 'python')).toBeNull();
    expect(resolveItemInput(index, 'quantum computing')).toBeNull();
    expect(resolveItemInput(index, '   ')).toBeNull();
    expect(resolveItemInput(index, '99999')).toBeNull();
  });
});
