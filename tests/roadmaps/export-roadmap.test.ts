import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportRoadmapMarkdown } from '../../src/roadmaps/export-roadmap.js';
import { type ParsedRoadmap, parseRoadmap, RoadmapParseError } from '../../src/roadmaps/parse-roadmap.js';
import { markdownDocument } from './support/markdown-arbitraries.js';
import { fixtureAvailable, readFixture } from './support/roadmap-fixtures.js';

/** Exports a parsed roadmap with the statuses the file itself had. */
function exportParsed(roadmap: ParsedRoadmap, title = roadmap.title): string {
  return exportRoadmapMarkdown({ ...roadmap, title }, (item) => item.status);
}

/** What a round trip must preserve: the key progress hangs on, and what members see. */
function essence(roadmap: ParsedRoadmap) {
  return {
    phases: roadmap.phases.map((phase) => phase.title),
    items: roadmap.items.map((item) => ({
      key: item.key,
      label: item.label,
      status: item.status,
      section: item.section,
      parentKey: item.parentKey,
      phase: roadmap.phases[item.phaseIndex]?.title,
    })),
  };
}

function expectRoundTrip(source: string, title?: string | null): void {
  const parsed = parseRoadmap(source);
  expect(essence(parseRoadmap(exportParsed(parsed, title)))).toEqual(essence(parsed));
}

describe('exportRoadmapMarkdown', () => {
  it('writes phases at their level, sections as bold bullets, nested items indented', () => {
    const parsed = parseRoadmap(
      [
        '# Plan',
        '### Phase 1: Basics',
        '* **Core:**',
        '    * [x] Variables',
        '        * [ ] Scope rules',
        '    * [ ] Functions _(learning)_',
        '- [ ] Loops *(skipped)*',
        '### Phase 2',
        '1. [ ] Classes',
      ].join('\n'),
    );
    expect(exportParsed(parsed)).toBe(
      [
        '# Plan',
        '',
        '### Phase 1: Basics',
        '',
        '- **Core**',
        '  - [x] Variables',
        '    - [ ] Scope rules',
        '  - [ ] Functions _(learning)_',
        '- [ ] Loops _(skipped)_',
        '',
        '### Phase 2',
        '',
        '- [ ] Classes',
        '',
      ].join('\n'),
    );
  });

  it('marks items with the status it is given, not the one in the file', () => {
    const parsed = parseRoadmap('## P\n- [x] a\n- [ ] b\n- [ ] c\n- [x] d\n');
    const statuses = ['todo', 'done', 'learning', 'skipped'] as const;
    const markdown = exportRoadmapMarkdown(parsed, (item) => statuses[item.position] ?? 'todo');
    expect(markdown).toBe('## P\n\n- [ ] a\n- [x] b\n- [ ] c _(learning)_\n- [ ] d _(skipped)_\n');
  });

  it('turns heading sections into bold bullets', () => {
    expectRoundTrip('# T\n## A\n### Reading\n- [ ] a1\n### Practice\n- [ ] a2\n## B\n- [ ] b1\n');
    const parsed = parseRoadmap('# T\n## A\n### Reading\n- [ ] a1\n## B\n- [ ] b1\n');
    expect(exportParsed(parsed)).toContain('## A\n\n- **Reading**\n  - [ ] a1\n');
  });

  it('leaves the title out when phases are level-1 headings', () => {
    const parsed = parseRoadmap('# One\n- [ ] a\n# Two\n- [ ] b\n');
    expect(exportParsed(parsed, 'My roadmap').startsWith('# One\n')).toBe(true);
    expectRoundTrip('# One\n- [ ] a\n# Two\n- [ ] b\n', 'My roadmap');
  });

  it('escapes titles and sections that would otherwise read as markdown', () => {
    expectRoundTrip('## Learn \\*C\\*, <T> & AT&amp;T #\n- **Tips \\_and\\_ `tricks`**\n  - [ ] a\n');
    expectRoundTrip('## \\#\n- [ ] a\n');
  });

  it('writes reference links inline so the label survives without the definitions', () => {
    expectRoundTrip('- [ ] Read [the docs][py]\n\n[py]: https://docs.python.org\n');
  });

  it('pulls up items whose parent is gone, keeping the list valid', () => {
    const markdown = exportRoadmapMarkdown(
      {
        title: null,
        phases: [{ index: 0, title: 'P', headingLevel: 2 }],
        items: [
          { phaseIndex: 0, section: null, depth: 2, position: 0, markdown: 'orphan' },
          { phaseIndex: 0, section: null, depth: 1, position: 1, markdown: 'child' },
        ],
      },
      () => 'todo',
    );
    expect(markdown).toBe('## P\n\n- [ ] orphan\n  - [ ] child\n');
  });

  it('sorts items by position and skips phases without items', () => {
    const markdown = exportRoadmapMarkdown(
      {
        title: 'T',
        phases: [
          { index: 1, title: 'Second', headingLevel: 2 },
          { index: 0, title: 'First', headingLevel: 2 },
          { index: 2, title: 'Empty', headingLevel: 2 },
        ],
        items: [
          { phaseIndex: 1, section: null, depth: 0, position: 2, markdown: 'c' },
          { phaseIndex: 0, section: null, depth: 0, position: 1, markdown: 'b' },
          { phaseIndex: 0, section: null, depth: 0, position: 0, markdown: 'a' },
        ],
      },
      () => 'todo',
    );
    expect(markdown).toBe('# T\n\n## First\n\n- [ ] a\n- [ ] b\n\n## Second\n\n- [ ] c\n');
  });

  it.skipIf(!fixtureAvailable)('round-trips the fixture', () => {
    expectRoundTrip(readFixture());
    expectRoundTrip(readFixture(), 'Python journey');
  });

  it('round-trips any markdown-ish roadmap: same keys, labels and statuses', () => {
    fc.assert(
      fc.property(markdownDocument, fc.option(fc.constantFrom('Title', 'C# *x*')), (source, title) => {
        try {
          parseRoadmap(source);
        } catch (error) {
          if (error instanceof RoadmapParseError) return;
          throw error;
        }
        expectRoundTrip(source, title);
      }),
      { numRuns: 500 },
    );
  });
});
