import { describe, expect, it } from 'vitest';
import {
  checkRoadmapAttachment,
  downloadAttachment,
  roadmapNameFor,
} from '../../src/roadmaps/import-roadmap.js';
import { namedChoices, resolveNamed } from '../../src/roadmaps/named-choices.js';
import {
  nextOpenItems,
  phaseItemLines,
  phaseOverviewLines,
  summarizePhases,
  type ViewItem,
} from '../../src/roadmaps/render-progress.js';

const PHASES = [
  { id: 1, title: 'Phase 1: Basics', position: 0 },
  { id: 2, title: 'Phase 2: Web', position: 1 },
  { id: 3, title: 'Empty', position: 2 },
];

function item(id: number, phaseId: number, label: string, extra: Partial<ViewItem> = {}): ViewItem {
  return { id, phase_id: phaseId, label, topic: null, depth: 0, position: id, ...extra };
}

const ITEMS = [
  item(1, 1, 'Variables'),
  item(2, 1, 'Loops', { topic: 'Control flow' }),
  item(3, 1, 'Generators', { topic: 'Control flow', depth: 1 }),
  item(4, 2, 'HTTP'),
  item(5, 2, 'Django *models*'),
];
const STATUSES = new Map([
  [1, 'done'],
  [2, 'skipped'],
  [4, 'learning'],
] as const);
const statusOf = (id: number) => STATUSES.get(id as 1 | 2 | 4) ?? 'todo';

describe('progress rendering', () => {
  it('GIVEN statuses THEN each phase with items gets a bar where done and skipped count as finished', () => {
    const summaries = summarizePhases(PHASES, ITEMS, statusOf);
    expect(summaries.map((summary) => [summary.phase.id, summary.finished, summary.total])).toEqual([
      [1, 2, 3],
      [2, 0, 2],
    ]);
    expect(phaseOverviewLines(summaries)).toEqual([
      '**Phase 1: Basics**\n▰▰▰▰▰▰▱▱▱▱ 66% · 2/3',
      '**Phase 2: Web**\n▱▱▱▱▱▱▱▱▱▱ 0% · 0/2',
    ]);
  });

  it('GIVEN open items THEN the ones being learned come first, then roadmap order', () => {
    expect(nextOpenItems(ITEMS, statusOf).map((entry) => entry.id)).toEqual([4, 3, 5]);
  });

  it('GIVEN a phase THEN its items show status icons, sections and nesting, with markdown escaped', () => {
    expect(phaseItemLines(ITEMS, statusOf)).toEqual([
      '✅ Variables',
      '__Control flow__',
      '⏭️ Loops',
      '\u2003⬜ Generators',
      '📖 HTTP',
      '⬜ Django \\*models\\*',
    ]);
  });
});

describe('named choices', () => {
  const ROADMAPS = [
    { id: 10, name: 'python-developer' },
    { id: 11, name: 'Web développement' },
    { id: 12, name: 'web-advanced' },
  ];

  it('GIVEN typed words THEN names holding all of them are offered, accents ignored, with ids as values', () => {
    expect(namedChoices(ROADMAPS, 'developpement')).toEqual([{ name: 'Web développement', value: '11' }]);
    expect(namedChoices(ROADMAPS, '')).toHaveLength(3);
  });

  it('GIVEN many long names THEN at most 25 choices of at most 100 characters are offered', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({
      id: index,
      name: `roadmap ${index} ${'x'.repeat(150)}`,
    }));
    const choices = namedChoices(many, 'roadmap');
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it.each([
    ['11', 11],
    ['python-developer', 10],
    ['PYTHON', 10],
    ['web', undefined],
    ['rust', undefined],
    ['', undefined],
  ])('GIVEN the value %j THEN it resolves to %s', (input, expected) => {
    expect(resolveNamed(ROADMAPS, input)?.id).toBe(expected);
  });
});

describe('checkRoadmapAttachment', () => {
  it('GIVEN a file over 1 MB THEN it is refused before download', () => {
    expect(() =>
      checkRoadmapAttachment({ name: 'big.md', size: 1_048_577, contentType: 'text/markdown' }),
    ).toThrow(/too large \(1\.0 MB\); a roadmap can be at most 1 MB/);
  });

  it.each([
    ['roadmap.md', 'text/markdown; charset=utf-8'],
    ['roadmap.txt', 'text/plain'],
    ['roadmap.md', null],
    ['roadmap.md', 'application/octet-stream'],
  ])('GIVEN %s as %s THEN it is accepted', (name, contentType) => {
    expect(() => checkRoadmapAttachment({ name, size: 100, contentType })).not.toThrow();
  });

  it.each([
    ['photo.png', 'image/png'],
    ['roadmap.pdf', 'application/pdf'],
  ])('GIVEN %s as %s THEN it is refused as not markdown', (name, contentType) => {
    expect(() => checkRoadmapAttachment({ name, size: 100, contentType })).toThrow(/not markdown/);
  });

  it('GIVEN no name option THEN the file name without its extension names the roadmap', () => {
    expect(roadmapNameFor(null, 'python-journey.md')).toBe('python-journey');
    expect(roadmapNameFor(' Backend ', 'x.md')).toBe('Backend');
  });

  it('GIVEN a file name with nothing before its extension and no name option THEN a name is asked for', () => {
    expect(() => roadmapNameFor(null, '.md')).toThrow(/Give the roadmap a name/);
  });

  it('GIVEN the download fails THEN the member is asked to upload again', async () => {
    await expect(downloadAttachment('http://127.0.0.1:1/attachments/roadmap.md')).rejects.toThrow(
      /could not download that file/,
    );
  });
});
