import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeImportPreview, IMPORT_PREVIEW_FILE } from '../../src/roadmaps/describe-changes.js';
import { type ParsedRoadmap, parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import {
  countChanges,
  diffRoadmap,
  isUnchanged,
  placeName,
  type RoadmapDiff,
  type StoredRoadmap,
} from '../../src/roadmaps/roadmap-diff.js';
import { DISCORD_LIMITS } from '../../src/shared/discord-limits.js';
import { WEB_ROADMAP } from './support/web-roadmap.js';

/** `roadmap` as the database holds it after importing it: phase ids from 1, item ids from 1. */
function stored(roadmap: ParsedRoadmap, progress: Record<string, number> = {}): StoredRoadmap {
  return {
    phases: roadmap.phases.map((phase) => ({
      id: phase.index + 1,
      title: phase.title,
      position: phase.index,
      active: true,
    })),
    items: roadmap.items.map((item) => ({
      id: item.position + 1,
      key: item.key,
      label: item.label,
      markdown: item.markdown,
      topic: item.topic,
      phaseId: item.phaseIndex + 1,
      phaseTitle: roadmap.phases[item.phaseIndex]?.title ?? '',
      position: item.position,
      active: true,
      membersWithProgress: progress[item.label] ?? 0,
    })),
  };
}

const diffOf = (before: string, after: string, progress?: Record<string, number>) =>
  diffRoadmap(stored(parseRoadmap(before), progress), parseRoadmap(after));

describe('diffRoadmap', () => {
  it('GIVEN the same file THEN there are no changes, only unchanged counts', () => {
    const diff = diffOf(WEB_ROADMAP, WEB_ROADMAP);
    expect(countChanges(diff)).toEqual({
      added: 0,
      removed: 0,
      renamed: 0,
      moved: 0,
      unchangedItems: 6,
      phasesRenamed: 0,
      phasesAdded: 0,
      phasesRemoved: 0,
      unchangedPhases: 2,
    });
    expect(isUnchanged(countChanges(diff))).toBe(true);
  });

  it('GIVEN a renamed phase THEN it is one phase rename that keeps the phase, not changed items', () => {
    const diff = diffOf(WEB_ROADMAP, WEB_ROADMAP.replace('## Phase 1: Basics', '## Phase 1: Foundations'));
    expect(diff.phasesRenamed).toEqual([{ from: 'Phase 1: Basics', to: 'Phase 1: Foundations' }]);
    expect(diff.phaseIds).toEqual([1, 2]);
    expect(countChanges(diff)).toMatchObject({ renamed: 0, moved: 0, unchangedItems: 6, unchangedPhases: 1 });
  });

  it('GIVEN a phase renamed, an item moved and a label edited THEN each is reported once, by place', () => {
    const edited = WEB_ROADMAP.replace('## Phase 1: Basics', '## Phase 1: Foundations')
      .replace('- [ ] Learn the DOM\n', '')
      .replace('- [ ] Write integration tests\n', '- [ ] Write integration tests\n- [ ] Learn the DOM\n')
      .replace('Learn CSS flexbox layouts', 'Learn CSS flexbox layout');
    const diff = diffOf(WEB_ROADMAP, edited);
    expect(diff.phasesRenamed).toEqual([{ from: 'Phase 1: Basics', to: 'Phase 1: Foundations' }]);
    expect(diff.renamed).toEqual([
      {
        from: 'Learn CSS flexbox layouts',
        to: 'Learn CSS flexbox layout',
        place: { phase: 'Phase 1: Foundations', topic: null },
      },
    ]);
    expect(diff.moved).toEqual([
      {
        from: { label: 'Learn the DOM', place: { phase: 'Phase 1: Foundations', topic: null } },
        to: { label: 'Learn the DOM', place: { phase: 'Phase 2: Backend', topic: null } },
      },
    ]);
    expect(countChanges(diff)).toMatchObject({ added: 0, removed: 0, unchangedItems: 4 });
  });

  it('GIVEN an item moved to another topic of its phase THEN it is a move named "Phase · Topic"', () => {
    const before =
      '# Web\n\n## Basics\n\n- ### HTML\n  - [ ] Forms\n  - [ ] Tables\n- ### CSS\n  - [ ] Grid\n';
    const after =
      '# Web\n\n## Basics\n\n- ### HTML\n  - [ ] Tables\n- ### CSS\n  - [ ] Grid\n  - [ ] Forms\n';
    const diff = diffOf(before, after);
    expect(diff.moved).toEqual([
      {
        from: { label: 'Forms', place: { phase: 'Basics', topic: 'HTML' } },
        to: { label: 'Forms', place: { phase: 'Basics', topic: 'CSS' } },
      },
    ]);
    expect(diff.moved.map((move) => placeName(move.to.place))).toEqual(['Basics · CSS']);
    expect(countChanges(diff)).toMatchObject({ added: 0, removed: 0, renamed: 0, unchangedItems: 2 });
  });

  it('GIVEN items removed and added THEN removed ones say how many members have progress on them', () => {
    const diff = diffOf(
      WEB_ROADMAP,
      WEB_ROADMAP.replace('- [ ] Write integration tests\n', '- [ ] Deploy with Docker\n'),
      { 'Write integration tests': 3 },
    );
    expect(diff.removed).toEqual([
      {
        label: 'Write integration tests',
        place: { phase: 'Phase 2: Backend', topic: null },
        membersWithProgress: 3,
      },
    ]);
    expect(diff.added).toEqual([
      { label: 'Deploy with Docker', place: { phase: 'Phase 2: Backend', topic: null }, returning: false },
    ]);
  });

  it('GIVEN an item an earlier import removed THEN its return is an addition that brings progress back', () => {
    const before = stored(parseRoadmap(WEB_ROADMAP));
    const gone = before.items.map((item) =>
      item.label === 'Learn the DOM' ? { ...item, active: false } : item,
    );
    const diff = diffRoadmap({ ...before, items: gone }, parseRoadmap(WEB_ROADMAP));
    expect(diff.added).toEqual([
      { label: 'Learn the DOM', place: { phase: 'Phase 1: Basics', topic: null }, returning: true },
    ]);
    expect(diff.matching.matched.find((match) => match.revived)?.oldId).toBe(4);
  });

  it('GIVEN a phase whose items all went away and a new one THEN one is removed and one added, not a rename', () => {
    const diff = diffOf(
      '## Old\n- [ ] A thing\n## Kept\n- [ ] B\n',
      '## Kept\n- [ ] B\n## Fresh\n- [ ] Other\n',
    );
    expect(diff).toMatchObject({ phasesRenamed: [], phasesAdded: ['Fresh'], phasesRemoved: ['Old'] });
    expect(diff.phaseIds).toEqual([2, null]);
  });
});

describe('describeImportPreview', () => {
  const names = { roadmap: 'web', file: 'web.md' };
  const footer = 'Nothing changes until you press **Apply**.';

  it('GIVEN one change of a kind THEN it says "1 item", and "2 items" for two', () => {
    const diff = diffOf(
      WEB_ROADMAP,
      WEB_ROADMAP.replace('- [ ] Write integration tests\n', '- [ ] Deploy\n- [ ] Monitor\n'),
      { 'Write integration tests': 2 },
    );
    const { content, file } = describeImportPreview(diff, countChanges(diff), names, footer);
    expect(content).toContain('- 2 items added\n- 1 item removed (members have progress on 1 of them)\n');
    expect(content).toContain('- Write integration tests (Phase 2: Backend) — 2 members with progress on it');
    expect(content).toContain('- 5 items and 2 phases unchanged');
    expect(file).toBeNull();
  });

  it('GIVEN the same file THEN the preview says there are no changes', () => {
    const diff = diffOf(WEB_ROADMAP, WEB_ROADMAP);
    expect(describeImportPreview(diff, countChanges(diff), names, footer).content).toContain(
      '- No changes: 6 items and 2 phases unchanged',
    );
  });

  it('GIVEN more changes than a message holds THEN it shows the counts and first lines, and attaches the whole list', () => {
    const many = Array.from({ length: 300 }, (_, n) => `- [ ] New item number ${n} with a longer label`);
    const diff = diffOf(WEB_ROADMAP, `${WEB_ROADMAP}\n## Phase 3: More\n${many.join('\n')}\n`);
    const { content, file } = describeImportPreview(diff, countChanges(diff), names, footer);
    expect(content.length).toBeLessThanOrEqual(DISCORD_LIMITS.messageContent);
    expect(content).toContain('- 300 items added');
    expect(content).toContain('- New item number 0 with a longer label (Phase 3: More)');
    expect(content).toMatch(/… and \d+ more lines/);
    expect(content).toContain(`attached as \`${IMPORT_PREVIEW_FILE}\``);
    expect(content.endsWith(footer)).toBe(true);
    expect(file).toContain('- New item number 299 with a longer label (Phase 3: More)');
  });
});

const WORDS = ['Learn', 'HTML', 'CSS', 'the', 'DOM', 'write', 'tests', 'build', 'an', 'API', 'deploy'];
const PHASES = ['Basics', 'Backend', 'Frontend', 'Tools', 'Extras'];

/** Phase titles are unique within a file, so a place names one phase. */
const roadmapMarkdown = fc
  .uniqueArray(
    fc.record({
      title: fc.constantFrom(...PHASES),
      items: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
    { minLength: 1, maxLength: 4, selector: (phase) => phase.title },
  )
  .map((phases) =>
    phases
      .map((phase) =>
        [`## ${phase.title}`, ...phase.items.map((words) => `- [ ] ${words.join(' ')}`)].join('\n'),
      )
      .join('\n\n'),
  );

/** Takes one `value` out of `bag`; the diff must only ever name what is there. */
function take(bag: string[], value: string): void {
  const index = bag.indexOf(value);
  if (index < 0) throw new Error(`the diff names “${value}”, which is not there`);
  bag.splice(index, 1);
}

/** The old roadmap's phases and `place › label` items with every change of the diff applied. */
function applyDiff(before: StoredRoadmap, diff: RoadmapDiff): { phases: string[]; items: string[] } {
  const active = before.items.filter((item) => item.active);
  const phases = before.phases.filter((phase) => phase.active).map((phase) => phase.title);
  for (const title of diff.phasesRemoved) take(phases, title);
  const items = active.map((item) => `${item.phaseTitle} › ${item.label}`);
  for (const item of diff.removed) take(items, `${placeName(item.place)} › ${item.label}`);
  for (const { from, to } of diff.phasesRenamed) {
    take(phases, from);
    phases.push(to);
  }
  // Everything left is named by its phase's new title from here on.
  const titleAfter = new Map(
    before.phases.map((phase) => [
      phase.title,
      diff.phasesRenamed.find((rename) => rename.from === phase.title)?.to ?? phase.title,
    ]),
  );
  const renamedItems = items.map((entry) => {
    const [phase = '', label = ''] = entry.split(' › ');
    return `${titleAfter.get(phase) ?? phase} › ${label}`;
  });
  for (const item of diff.renamed) {
    take(renamedItems, `${placeName(item.place)} › ${item.from}`);
    renamedItems.push(`${placeName(item.place)} › ${item.to}`);
  }
  for (const item of diff.moved) {
    take(renamedItems, `${placeName(item.from.place)} › ${item.from.label}`);
    renamedItems.push(`${placeName(item.to.place)} › ${item.to.label}`);
  }
  phases.push(...diff.phasesAdded);
  for (const item of diff.added) renamedItems.push(`${placeName(item.place)} › ${item.label}`);
  return { phases: phases.sort(), items: renamedItems.sort() };
}

describe('diffRoadmap properties', () => {
  it('applying the diff to the old roadmap yields the new one', () => {
    fc.assert(
      fc.property(roadmapMarkdown, roadmapMarkdown, (before, after) => {
        const old = stored(parseRoadmap(before));
        const next = parseRoadmap(after);
        const applied = applyDiff(old, diffRoadmap(old, next));
        expect(applied).toEqual({
          phases: next.phases.map((phase) => phase.title).sort(),
          items: next.items.map((item) => `${next.phases[item.phaseIndex]?.title} › ${item.label}`).sort(),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a file compared with itself is no changes', () => {
    fc.assert(
      fc.property(roadmapMarkdown, (markdown) => {
        const parsed = parseRoadmap(markdown);
        const counts = countChanges(diffRoadmap(stored(parsed), parsed));
        expect(isUnchanged(counts)).toBe(true);
        expect(counts.unchangedItems).toBe(parsed.items.length);
      }),
      { numRuns: 300 },
    );
  });
});
