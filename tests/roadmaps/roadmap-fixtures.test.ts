import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES } from '../../src/db/schema.js';
import { exportSourceMarkdown } from '../../src/roadmaps/export-roadmap.js';
import { type ParsedRoadmap, parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { fixtureAvailable, readFixture } from './support/roadmap-fixtures.js';
import { checklistRows, readTopicFixture, TOPIC_FIXTURES } from './support/topic-fixtures.js';

function parseFixture(name: string): ParsedRoadmap {
  return parseRoadmap(readTopicFixture(name));
}

describe('headings inside list items (frontend-topics.md)', () => {
  const roadmap = parseFixture('frontend-topics.md');

  it('makes each heading the topic of the checklist nested under it, at every depth', () => {
    expect(roadmap.title).toBe('Frontend Developer Roadmap');
    expect(roadmap.phases.map((phase) => phase.title)).toEqual(['Internet', 'HTML', 'Version control']);
    expect(checklistRows(roadmap)).toEqual([
      ['Internet', 'How does the internet work?', expect.stringMatching(/^Description: /), 0, 'todo'],
      ['Internet', 'How does the internet work?', 'Videos:', 0, 'todo'],
      ['Internet', 'How does the internet work?', 'video', 1, 'done'],
      ['Internet', 'How does the internet work?', 'Online Courses:', 0, 'todo'],
      ['Internet', 'What is HTTP?', expect.stringMatching(/^Description: HTTP/), 0, 'todo'],
      ['Internet', 'What is HTTP?', 'Read the MDN overview of HTTP', 0, 'done'],
      ['Internet', null, 'Browsers and how they work', 0, 'todo'],
      ['HTML', 'HTML › Learn the basics', 'Document structure', 0, 'done'],
      ['HTML', 'HTML › Learn the basics', 'Writing semantic HTML', 0, 'todo'],
      ['HTML', 'HTML › Forms and validations', 'Forms', 0, 'todo'],
      ['HTML', 'HTML › Forms and validations', 'Validations', 0, 'learning'],
      ['HTML', 'HTML › Forms and validations', 'video', 1, 'todo'],
      ['HTML', 'HTML', 'Accessibility', 0, 'todo'],
      ['HTML', 'SEO basics', 'Meta tags', 0, 'todo'],
      ['HTML', 'SEO basics', 'Sitemaps', 0, 'skipped'],
      ['Version control', 'Git', 'Basic usage', 0, 'todo'],
      ['Version control', 'Git', 'Branching and merging', 0, 'todo'],
    ]);
  });

  it('tells the two "video" items apart by phase, and ignores the item-like line in a code block', () => {
    const keys = roadmap.items.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(roadmap.items.filter((item) => item.label === 'Basic usage')).toHaveLength(1);
  });
});

describe('badges and lead terms (frontend-checklist-badges.md)', () => {
  const roadmap = parseFixture('frontend-checklist-badges.md');

  it('names each item by its bold term, keeps the explanation as its description and the badge as a tag', () => {
    expect(roadmap.items[0]).toMatchObject({
      label: 'Doctype',
      description: 'The Doctype is HTML5 and is at the top of all your HTML pages.',
      tags: ['High'],
      topic: 'Meta tag',
      markdown:
        '**Doctype:** ![High](<https://front-end-checklist.io/images/priority/high.svg>) The Doctype is HTML5 and is at the top of all your HTML pages.',
    });
    expect(roadmap.items.map((item) => [item.label, item.tags, item.status])).toEqual([
      ['Doctype', ['High'], 'todo'],
      ['Charset', ['High'], 'done'],
      ['Viewport', ['High'], 'todo'],
      ['Title', ['High'], 'todo'],
      ['Optimization', ['High'], 'todo'],
      ['Picture/Srcset', ['Medium'], 'todo'],
      ['Retina', ['Low'], 'done'],
    ]);
  });

  it('never merges a badge into a label, and keeps keys made of the whole text', () => {
    expect(roadmap.items.some((item) => /High|Medium|Low/.test(item.label))).toBe(false);
    expect(roadmap.items[0]?.key).toBe(
      'head/doctype-high-the-doctype-is-html5-and-is-at-the-top-of-all-your-html-pages',
    );
  });
});

describe('paragraph items, numbered sub-lists, code blocks and tables (paragraph-items.md)', () => {
  const roadmap = parseFixture('paragraph-items.md');

  it('labels a paragraph by its first line or sentence and keeps the rest as its description', () => {
    expect(roadmap.items.map((item) => [item.label, item.description, item.depth, item.status])).toEqual([
      [
        'Learn SQL joins',
        'Joins combine rows from two tables. Practise inner, left and full joins on a sample database until they feel natural.',
        0,
        'todo',
      ],
      ['Inner joins', null, 1, 'todo'],
      ['Left joins', null, 1, 'learning'],
      [
        'Set up a local Postgres with Docker.',
        'Use the official image, mount a volume for the data, and keep the compose file in your notes repository.',
        0,
        'done',
      ],
      ['Read Designing Data-Intensive Applications, chapters 1–3.', null, 0, 'todo'],
      ['Airflow basics', null, 0, 'todo'],
      [
        "Schedule a daily job that loads yesterday's orders into the warehouse and alerts the team on Slack…",
        "Schedule a daily job that loads yesterday's orders into the warehouse and alerts the team on Slack when the load fails or takes longer than an hour",
        0,
        'todo',
      ],
      [
        'Write a blog post about what you learned.',
        'It can be short. Publish it on the community forum and ask two peers for feedback.',
        0,
        'todo',
      ],
    ]);
  });

  it('cuts labels at a word, within 100 characters', () => {
    for (const item of roadmap.items) expect(item.label.length).toBeLessThanOrEqual(100);
    expect(roadmap.items[6]?.label).toMatch(/ Slack…$/);
  });

  it('groups items under a bold label as its topic', () => {
    expect(roadmap.items.map((item) => item.topic)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'Orchestration',
      'Orchestration',
      null,
    ]);
  });
});

const EVERY_FIXTURE = [
  ...TOPIC_FIXTURES.map((name) => ({ name, source: readTopicFixture(name) })),
  ...(fixtureAvailable ? [{ name: 'python-developer-journey.md', source: readFixture() }] : []),
];

describe('export from the imported text', () => {
  it.each(EVERY_FIXTURE)('round-trips $name byte for byte', ({ source }) => {
    const parsed = parseRoadmap(source);
    expect(parsed.items.every((item) => item.marks !== null)).toBe(true);
    expect(exportSourceMarkdown(parsed, (item) => item.status)).toBe(source);
  });

  it.each(EVERY_FIXTURE)(
    'writes other statuses into $name that read back, changing nothing else',
    ({ source }) => {
      const parsed = parseRoadmap(source);
      const wanted = (position: number) => ITEM_STATUSES[(position * 7 + 3) % ITEM_STATUSES.length] ?? 'todo';
      const exported = exportSourceMarkdown(parsed, (item) => wanted(item.position));
      expect(exported).not.toBeNull();
      const reread = parseRoadmap(exported ?? '');
      expect(reread.items.map((item) => item.status)).toEqual(
        parsed.items.map((item) => wanted(item.position)),
      );
      const shape = (roadmap: ParsedRoadmap) =>
        roadmap.items.map(({ key, label, topic, description, tags, depth, phaseIndex }) => ({
          key,
          label,
          topic,
          description,
          tags,
          depth,
          phaseIndex,
        }));
      expect(shape(reread)).toEqual(shape(parsed));
      // And back: the file's own statuses give the original bytes again, but for the notes it had to
      // remove on the way, which come back in the export's own style.
      const back = exportSourceMarkdown(reread, (item) => parsed.items[item.position]?.status ?? 'todo');
      expect(back).toBe(source.replaceAll(/\*(\((?:learning|skipped)\))\*/gu, '_$1_'));
    },
  );

  it('finds items indented with tabs, and writes marks there too', () => {
    const parsed = parseRoadmap('- [ ] a\n\t- [ ] b\n\t\t- [x] c\n');
    expect(exportSourceMarkdown(parsed, (item) => (item.label === 'b' ? 'skipped' : item.status))).toBe(
      '- [ ] a\n\t- [ ] b _(skipped)_\n\t\t- [x] c\n',
    );
  });

  it('gives up (null) when an item could not be found in the text', () => {
    const parsed = parseRoadmap('- [ ] a\n');
    const lost = { ...parsed, items: parsed.items.map((item) => ({ ...item, marks: null })) };
    expect(exportSourceMarkdown(lost, () => 'todo')).toBe('- [ ] a\n');
    expect(exportSourceMarkdown(lost, () => 'done')).toBeNull();
  });
});
