import { describe, expect, it } from 'vitest';
import { type ParsedRoadmap, parseRoadmap, RoadmapParseError } from '../../src/roadmaps/parse-roadmap.js';
import { fixtureAvailable, generateRoadmapMarkdown, readFixture } from './support/roadmap-fixtures.js';

function labels(roadmap: ParsedRoadmap): string[] {
  return roadmap.items.map((item) => item.label);
}

function parseError(source: string | Uint8Array): RoadmapParseError {
  try {
    parseRoadmap(source);
  } catch (error) {
    if (error instanceof RoadmapParseError) return error;
    throw error;
  }
  throw new Error('expected a RoadmapParseError');
}

describe.skipIf(!fixtureAvailable)('parseRoadmap on the Python developer fixture', () => {
  const roadmap = fixtureAvailable ? parseRoadmap(readFixture()) : { title: null, phases: [], items: [] };

  it('finds the four phases and ignores headings without checklist items', () => {
    expect(roadmap.phases.map((phase) => [phase.title.slice(0, 7), phase.headingLevel])).toEqual([
      ['Phase 1', 3],
      ['Phase 2', 3],
      ['Phase 3', 3],
      ['Phase 4', 3],
    ]);
    expect(roadmap.title).toBeNull();
  });

  it('finds all 47 checklist items with their checkbox state', () => {
    expect(roadmap.items).toHaveLength(47);
    expect(roadmap.items.filter((item) => item.status === 'done')).toHaveLength(5);
    expect(roadmap.items.map((item) => item.position)).toEqual([...Array(47).keys()]);
    expect(roadmap.items.map((item) => item.phaseIndex.toString()).join('')).toBe(
      '0'.repeat(15) + '1'.repeat(15) + '2'.repeat(10) + '3'.repeat(7),
    );
  });

  it('uses the plain bullets above items as sections, without the trailing colon', () => {
    expect(roadmap.items[0]?.section).toBe('Deep Dive into Core Python Internals');
    expect(new Set(roadmap.items.map((item) => item.section)).size).toBe(11);
  });

  it('renders inline code as text, cuts a long label at a word and keeps the markdown for export', () => {
    expect(roadmap.items[0]).toMatchObject({
      label:
        "Comprehensive understanding of Python's data model, including special methods (__init__, __str__…",
      description:
        "Comprehensive understanding of Python's data model, including special methods (__init__, __str__, etc.).",
      markdown:
        "Comprehensive understanding of Python's data model, including special methods (`__init__`, `__str__`, etc.).",
      depth: 0,
      parentKey: null,
      status: 'done',
    });
  });

  it('gives every item a distinct key made of the phase and the text', () => {
    const keys = roadmap.items.map((item) => item.key);
    expect(new Set(keys).size).toBe(47);
    expect(keys[2]).toMatch(
      /^phase-1-laying-the-bedrock-python-core-[a-z0-9-]+\/mastery-of-decorators-metaclasses/,
    );
    for (const key of keys) expect(key.length).toBeLessThanOrEqual(140);
  });
});

describe('parseRoadmap structure', () => {
  it('nests items at any depth and records their parent', () => {
    const roadmap = parseRoadmap(
      '## Basics\n\n- [ ] Parent\n  - [x] Child\n    - [ ] Grandchild\n- [ ] Sibling\n',
    );
    expect(roadmap.items.map((item) => [item.label, item.depth, item.parentKey])).toEqual([
      ['Parent', 0, null],
      ['Child', 1, 'basics/parent'],
      ['Grandchild', 2, 'basics/child'],
      ['Sibling', 0, null],
    ]);
  });

  it('accepts every bullet style, ordered lists and an upper-case X', () => {
    const roadmap = parseRoadmap(
      '# Plan\n\n- [ ] dash\n\n* [x] star\n\n+ [X] plus\n\n1. [ ] first\n2. [x] second\n',
    );
    expect(labels(roadmap)).toEqual(['dash', 'star', 'plus', 'first', 'second']);
    expect(roadmap.items.map((item) => item.status)).toEqual(['todo', 'done', 'done', 'todo', 'done']);
  });

  it('reads loose lists, whose items are paragraphs', () => {
    const roadmap = parseRoadmap('## P\n\n- [x] one\n\n  More about one.\n\n- [ ] two\n');
    expect(labels(roadmap)).toEqual(['one', 'two']);
    expect(roadmap.items[0]?.status).toBe('done');
  });

  it('ignores checkboxes in code blocks, tables, quotes and HTML', () => {
    const roadmap = parseRoadmap(
      [
        '## P',
        '```md',
        '- [ ] fenced',
        '```',
        '',
        '    - [ ] indented code',
        '',
        '| a | b |',
        '|---|---|',
        '| - [ ] cell | x |',
        '',
        '> - [ ] quoted',
        '',
        '<div>',
        '- [ ] html',
        '</div>',
        '',
        '- [ ] real',
      ].join('\n'),
    );
    expect(labels(roadmap)).toEqual(['real']);
  });

  it('makes the shallowest heading level that splits the items the phase level', () => {
    const roadmap = parseRoadmap(
      [
        '# Course',
        'Intro prose.',
        '## About me',
        '* not a task',
        '## Part A',
        '### Reading',
        '- [ ] a1',
        '### Practice',
        '- [ ] a2',
        '## Part B',
        '- [ ] b1',
        '## Contact',
      ].join('\n'),
    );
    expect(roadmap.title).toBe('Course');
    expect(roadmap.phases.map((phase) => [phase.title, phase.headingLevel])).toEqual([
      ['Part A', 2],
      ['Part B', 2],
    ]);
    expect(roadmap.items.map((item) => [item.label, item.section])).toEqual([
      ['a1', 'Reading'],
      ['a2', 'Practice'],
      ['b1', null],
    ]);
  });

  it('names the single phase after the heading closest to the items', () => {
    const roadmap = parseRoadmap('# Learn Rust\n\n## Basics\n\n- [ ] ownership\n- [ ] borrowing\n');
    expect(roadmap.title).toBe('Learn Rust');
    expect(roadmap.phases).toEqual([{ index: 0, title: 'Basics', headingLevel: 2 }]);
  });

  it('puts items above every phase heading into a "Roadmap" phase', () => {
    const roadmap = parseRoadmap('- [ ] warm up\n\n## One\n- [ ] a\n## Two\n- [ ] b\n');
    expect(roadmap.phases.map((phase) => phase.title)).toEqual(['Roadmap', 'One', 'Two']);
    expect(roadmap.items[0]?.key).toBe('roadmap/warm-up');
  });

  it('handles a document without any heading', () => {
    const roadmap = parseRoadmap('- [ ] a\n- [ ] b\n');
    expect(roadmap).toMatchObject({ title: null, phases: [{ index: 0, title: 'Roadmap', headingLevel: 2 }] });
  });

  it('turns a plain bullet holding items into their section, and ignores other bullets', () => {
    const roadmap = parseRoadmap(
      '## P\n\n* **Core:**\n    * [ ] a\n    * Note under core\n* Just prose\n* _Web_ stuff\n    1. [ ] b\n- [ ] c\n',
    );
    expect(roadmap.items.map((item) => [item.label, item.section])).toEqual([
      ['a', 'Core'],
      ['b', 'Web stuff'],
      ['c', null],
    ]);
  });

  it('keeps a nested item in its parent section even below a plain bullet', () => {
    const roadmap = parseRoadmap('## P\n\n- **S**\n  - [ ] parent\n    - notes\n      - [ ] child\n');
    expect(roadmap.items.map((item) => [item.label, item.section, item.parentKey])).toEqual([
      ['parent', 'S', null],
      ['child', 'S', 'p/parent'],
    ]);
  });
});

describe('parseRoadmap labels and keys', () => {
  it('reduces inline markdown to the text a reader sees', () => {
    const roadmap = parseRoadmap(
      '- [ ] Read [the *docs*](https://docs.python.org) and ![logo](x.png "t") `len()` ~~old~~ <b>bold</b> AT&amp;T &#x2713; \\*literal\\*\n',
    );
    expect(roadmap.items[0]?.label).toBe('Read the docs and len() old bold AT&T ✓ *literal*');
    expect(roadmap.items[0]?.tags).toEqual(['logo']);
  });

  it('turns reference links into inline links in the stored markdown', () => {
    const roadmap = parseRoadmap(
      '- [ ] Read [the docs][py] now\n- [ ] **See ![logo][py]**\n\n[py]: https://docs.python.org "Python"\n',
    );
    expect(roadmap.items.map((item) => [item.label, item.markdown])).toEqual([
      ['Read the docs now', 'Read [the docs](<https://docs.python.org> "Python") now'],
      ['See', '**See ![logo](<https://docs.python.org> "Python")**'],
    ]);
  });

  it('collapses the lines of a wrapped item in its label and keeps them in its markdown', () => {
    const roadmap = parseRoadmap('- [ ] first line\n  continues   here\n');
    expect(roadmap.items[0]).toMatchObject({
      label: 'first line continues here',
      markdown: 'first line\ncontinues   here',
    });
  });

  it('reads CRLF line endings and a byte order mark like plain LF', () => {
    const lf = parseRoadmap('# T\n\n## P\n\n- [ ] a\n  - [x] b\n');
    expect(parseRoadmap('\uFEFF# T\r\n\r\n## P\r\n\r\n- [ ] a\r\n  - [x] b\r\n')).toEqual(lf);
    const bytes = new TextEncoder().encode('\uFEFF# T\r\n\r\n## P\r\n\r\n- [ ] a\r\n  - [x] b\r\n');
    expect(parseRoadmap(bytes)).toEqual(lf);
  });

  it('keeps emoji in labels and gives emoji-only labels a hash key', () => {
    const roadmap = parseRoadmap('## 🚀 Launch\n\n- [ ] Ship it 🎉\n- [ ] 🔥🔥\n');
    expect(roadmap.phases[0]?.title).toBe('🚀 Launch');
    expect(roadmap.items.map((item) => item.label)).toEqual(['Ship it 🎉', '🔥🔥']);
    expect(roadmap.items[0]?.key).toBe('launch/ship-it');
    expect(roadmap.items[1]?.key).toMatch(/^launch\/h[0-9a-z]{7}$/);
  });

  it('cuts a very long label at a word, keeps the whole text as its description, and caps its key, which stays distinct', () => {
    const long = 'word '.repeat(400);
    const roadmap = parseRoadmap(`- [ ] ${long}one\n- [ ] ${long}two\n`);
    expect(roadmap.items[0]?.label).toBe(`${'word '.repeat(18)}word…`);
    expect(roadmap.items[0]?.description).toBe(`${long}one`);
    const [first, second] = roadmap.items.map((item) => item.key);
    expect(first).not.toBe(second);
    expect(first?.length).toBeLessThanOrEqual(100);
  });

  it('folds case and accents in keys and keeps other scripts', () => {
    const roadmap = parseRoadmap('## Été\n\n- [ ] Métaclasses & Décorateurs\n- [ ] Изучить Python\n');
    expect(roadmap.items.map((item) => item.key)).toEqual([
      'ete/metaclasses-decorateurs',
      'ete/изучить-python',
    ]);
  });

  it('tells duplicates apart within a phase and by phase across phases', () => {
    const roadmap = parseRoadmap('## A\n- [ ] Practice\n- [ ] practice!\n## B\n- [ ] Practice\n');
    expect(roadmap.items.map((item) => item.key)).toEqual(['a/practice', 'a/practice~2', 'b/practice']);
  });

  it('reads the status note an export writes and drops it from the label', () => {
    const roadmap = parseRoadmap(
      '- [ ] Generators _(learning)_\n- [ ] Metaclasses *(skipped)*\n- [ ] Typing _(later)_\n',
    );
    expect(roadmap.items.map((item) => [item.label, item.markdown, item.status])).toEqual([
      ['Generators', 'Generators', 'learning'],
      ['Metaclasses', 'Metaclasses', 'skipped'],
      ['Typing (later)', 'Typing _(later)_', 'todo'],
    ]);
  });

  it('skips checkboxes with nothing readable and moves their children up', () => {
    const roadmap = parseRoadmap('- [ ] <br>\n  - [ ] child\n');
    expect(roadmap.items.map((item) => [item.label, item.depth, item.parentKey])).toEqual([
      ['child', 0, null],
    ]);
  });

  it('numbers phases whose heading has no readable text', () => {
    const roadmap = parseRoadmap('## One\n- [ ] a\n## ![](x.png)\n- [ ] b\n');
    expect(roadmap.phases.map((phase) => phase.title)).toEqual(['One', 'Phase 2']);
  });
});

describe('parseRoadmap refusals', () => {
  it('refuses a file without checklist items', () => {
    const error = parseError('# Notes\n\n- plain\n- list\n');
    expect(error.reason).toBe('no-items');
    expect(error.message).toBe('That file has no checklist items (`- [ ] …`).');
    expect(parseError('').reason).toBe('no-items');
  });

  it('refuses more than 1 MB, counted in bytes', () => {
    const padding = '\n'.repeat(1_048_576 - 8);
    expect(parseRoadmap(`- [ ] a\n${padding}`).items).toHaveLength(1);
    expect(parseError(`- [ ] a\n${padding}x`).reason).toBe('too-large');
    expect(parseError(`- [ ] é\n${padding}`).reason).toBe('too-large');
    expect(parseError(new Uint8Array(1_048_577).fill(0x61)).message).toMatch(/at most 1 MB/);
  });

  it('refuses more than 2,000 items', () => {
    expect(parseRoadmap(generateRoadmapMarkdown({ phases: 20, itemsPerPhase: 100 })).items).toHaveLength(
      2000,
    );
    expect(parseError(`${'- [ ] x\n'.repeat(2001)}`).reason).toBe('too-many-items');
  });

  it('refuses more than 200 phases', () => {
    const phases = (count: number) =>
      Array.from({ length: count }, (_, n) => `## Phase ${n}\n- [ ] item ${n}\n`).join('\n');
    expect(parseRoadmap(phases(200)).phases).toHaveLength(200);
    expect(parseError(phases(201)).reason).toBe('too-many-phases');
  });

  it('decodes UTF-16 with a byte order mark, in either byte order, like the same text in UTF-8', () => {
    const text = '# Été\n\n## Phase\n\n- [x] Métaclasses 🚀\n  - [ ] Изучить Python\n';
    const utf8 = parseRoadmap(new TextEncoder().encode(text));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(parseRoadmap(new Uint8Array(le))).toEqual(utf8);
    expect(parseRoadmap(new Uint8Array(be))).toEqual(utf8);
  });

  it('refuses text in another encoding with a hint to save it as UTF-8', () => {
    const latin1 = new Uint8Array(Buffer.from('- [ ] Métaclasses\n', 'latin1'));
    const error = parseError(latin1);
    expect(error.reason).toBe('not-text');
    expect(error.message).toMatch(/Save it as UTF-8/);
    // UTF-16 without its byte order mark cannot be told apart from binary: refused the same way.
    expect(parseError(new Uint8Array(Buffer.from('- [ ] a\n', 'utf16le'))).message).toMatch(/UTF-8/);
  });

  it('refuses binary content', () => {
    expect(
      parseError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe])).reason,
    ).toBe('not-text');
    expect(parseError('- [ ] a\0b').reason).toBe('not-text');
    expect(parseError(new TextEncoder().encode('- [ ] a\0')).reason).toBe('not-text');
    expect(parseError('- [ ] \uD800').reason).toBe('not-text');
  });
});
