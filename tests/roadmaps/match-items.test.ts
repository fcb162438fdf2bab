import { describe, expect, it } from 'vitest';
import { type ExistingItem, matchRoadmapItems } from '../../src/roadmaps/match-items.js';
import { type ParsedRoadmap, parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import {
  editRoadmapMarkdown,
  fixtureAvailable,
  generateRoadmapMarkdown,
  readFixture,
} from './support/roadmap-fixtures.js';

/** Stored items as the database would hold them after importing `roadmap`: ids from 1. */
function stored(roadmap: ParsedRoadmap, active = true): ExistingItem[] {
  return roadmap.items.map((item) => ({
    id: item.position + 1,
    key: item.key,
    markdown: item.markdown,
    phaseTitle: roadmap.phases[item.phaseIndex]?.title ?? '',
    position: item.position,
    active,
  }));
}

const BASE = [
  '## Basics',
  '- [ ] Variables and types',
  '- [ ] Control flow with if, for and while',
  '- [ ] Functions and closures',
  '## Advanced',
  '- [ ] Decorators and metaclasses',
  '- [ ] Asynchronous programming with asyncio',
].join('\n');

function idOf(result: ReturnType<typeof matchRoadmapItems>, newKey: string): number | undefined {
  return result.matched.find((match) => match.newKey === newKey)?.oldId;
}

describe('matchRoadmapItems', () => {
  it('matches an unchanged file by key, with nothing to update', () => {
    const parsed = parseRoadmap(BASE);
    const result = matchRoadmapItems(stored(parsed), parsed);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(result.matched.map((match) => [match.oldId, match.via, match.changed, match.edited])).toEqual([
      [1, 'key', false, false],
      [2, 'key', false, false],
      [3, 'key', false, false],
      [4, 'key', false, false],
      [5, 'key', false, false],
    ]);
  });

  it('keeps the id of a lightly reworded item', () => {
    const old = parseRoadmap(BASE);
    const next = parseRoadmap(BASE.replace('Functions and closures', 'Functions, and closures in depth'));
    const result = matchRoadmapItems(stored(old), next);
    const match = result.matched.find((candidate) => candidate.oldId === 3);
    expect(match).toMatchObject({
      newKey: 'basics/functions-and-closures-in-depth',
      via: 'similar',
      edited: true,
    });
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
  });

  it('keeps the id of an item moved to another phase', () => {
    const old = parseRoadmap(BASE);
    const next = parseRoadmap(
      BASE.replace('- [ ] Functions and closures\n', '').concat('\n- [ ] Functions and closures'),
    );
    const result = matchRoadmapItems(stored(old), next);
    expect(idOf(result, 'advanced/functions-and-closures')).toBe(3);
    expect(result.matched.find((match) => match.oldId === 3)).toMatchObject({ via: 'text', edited: true });
    expect(result.matched.filter((match) => match.changed).map((match) => match.oldId)).toEqual([4, 5, 3]);
  });

  it('keeps every id when a phase is renamed', () => {
    const old = parseRoadmap(BASE);
    const result = matchRoadmapItems(stored(old), parseRoadmap(BASE.replace('## Basics', '## Foundations')));
    expect(result.matched.map((match) => match.oldId)).toEqual([1, 2, 3, 4, 5]);
    expect(result.added).toEqual([]);
  });

  it('reports added and removed items', () => {
    const old = parseRoadmap(BASE);
    const next = parseRoadmap(
      BASE.replace('- [ ] Variables and types\n', '').concat('\n- [ ] Type hints\n- [ ] Packaging with uv'),
    );
    const result = matchRoadmapItems(stored(old), next);
    expect(result.removed).toEqual([1]);
    expect(result.added).toEqual(['advanced/type-hints', 'advanced/packaging-with-uv']);
    expect(result.matched).toHaveLength(4);
  });

  it('brings a removed item back under its old id', () => {
    const old = parseRoadmap(BASE);
    const withoutFirst = parseRoadmap(BASE.replace('- [ ] Variables and types\n', ''));
    const first = matchRoadmapItems(stored(old), withoutFirst);
    expect(first.removed).toEqual([1]);

    const afterRemoval = stored(old).map((item) => ({ ...item, active: item.id !== 1 }));
    const result = matchRoadmapItems(afterRemoval, old);
    expect(result.matched.find((match) => match.oldId === 1)).toMatchObject({
      via: 'key',
      revived: true,
      changed: true,
    });
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
  });

  it('never reports an inactive item as removed again', () => {
    const old = parseRoadmap(BASE);
    const inactive = stored(old).map((item) => ({ ...item, active: item.id !== 1 }));
    const result = matchRoadmapItems(inactive, parseRoadmap(BASE.replace('- [ ] Variables and types\n', '')));
    expect(result.removed).toEqual([]);
  });

  it('prefers an active item over an inactive one with the same text', () => {
    const old = parseRoadmap('## A\n- [ ] Practice daily\n## B\n- [ ] Practice daily\n');
    const existing = stored(old).map((item) => ({ ...item, active: item.id === 2 }));
    const result = matchRoadmapItems(existing, parseRoadmap('## C\n- [ ] Practice daily\n'));
    expect(result.matched.map((match) => match.oldId)).toEqual([2]);
  });

  it('does not pair unrelated items', () => {
    const old = parseRoadmap('## A\n- [ ] Learn about decorators\n');
    const result = matchRoadmapItems(stored(old), parseRoadmap('## A\n- [ ] Deploy a Django application\n'));
    expect(result.matched).toEqual([]);
    expect(result.added).toEqual(['a/deploy-a-django-application']);
    expect(result.removed).toEqual([1]);
  });

  it('pairs one to one, best pair first', () => {
    const old = parseRoadmap('## A\n- [ ] Read the asyncio docs\n- [ ] Read the asyncio tutorial\n');
    const result = matchRoadmapItems(stored(old), parseRoadmap('## A\n- [ ] Read the asyncio tutorials\n'));
    expect(result.matched.map((match) => match.oldId)).toEqual([2]);
    expect(result.removed).toEqual([1]);
  });

  it('pairs duplicates in document order', () => {
    const old = parseRoadmap('## A\n- [ ] Review\n- [ ] Review\n');
    const result = matchRoadmapItems(stored(old), parseRoadmap('## B\n- [ ] Review\n- [ ] Review\n'));
    expect(result.matched.map((match) => [match.oldId, match.newKey])).toEqual([
      [1, 'b/review'],
      [2, 'b/review~2'],
    ]);
  });

  it('matches 2,000 items with 10% edited by the right rule (its speed is measured in bench/)', () => {
    const source = generateRoadmapMarkdown({ phases: 20, itemsPerPhase: 100 });
    const { markdown, edits } = editRoadmapMarkdown(source);
    const next = parseRoadmap(markdown);
    const result = matchRoadmapItems(stored(parseRoadmap(source)), next);

    const via = (kind: string) => result.matched.filter((match) => match.via === kind).length;
    expect(via('similar')).toBe(edits.reword);
    // Moved items keep their key when they already were in the last phase, where they move to.
    expect(via('text')).toBeGreaterThan(edits.move - 5);
    expect(via('key') + via('text')).toBe(2_000 - edits.reword - edits.remove - edits.replace);
    expect(result.removed).toHaveLength(edits.remove + edits.replace);
    expect(result.added).toHaveLength(edits.replace);
    expect(result.matched).toHaveLength(2_000 - edits.remove - edits.replace);
  });

  it.skipIf(!fixtureAvailable)(
    'keeps the fixture progress when its author cleans up the phase titles',
    () => {
      const fixture = parseRoadmap(readFixture());
      const cleaned = parseRoadmap(
        readFixture().replaceAll(/\s*\((?:Completed|Started|Planned|Future)[^\n]*\)$/gmu, ''),
      );
      expect(cleaned.phases[0]?.title).toBe('Phase 1: Laying the Bedrock - Python Core & Fundamentals');
      const result = matchRoadmapItems(stored(fixture), cleaned);
      expect(result.matched).toHaveLength(47);
      expect(result.matched.every((match) => match.via === 'text')).toBe(true);
    },
  );
});
