import { describe, expect, it } from 'vitest';
import type { Project, ProjectReflection } from '../../src/db/schema.js';
import { PAGE_DESCRIPTION_LIMIT } from '../../src/discord/pagination.js';
import { NO_MENTION_NAMES } from '../../src/discord/readable-mentions.js';
import {
  LEARNINGS_PAGE_SIZE,
  learningPostEmbed,
  learningsPageDescription,
  learningThreadName,
} from '../../src/discord/views/learning-view.js';
import { projectChoiceName, projectEmbed } from '../../src/discord/views/project-view.js';
import { markdownLink } from '../../src/shared/markdown-link.js';
import {
  describeResourceFilter,
  duplicateResourceMessage,
  groupedResourceLines,
} from '../../src/sharing/format-resource.js';
import type { LearningWithItem } from '../../src/sharing/learnings-queries.js';
import type { ResourceWithItem } from '../../src/sharing/resources-queries.js';

function embedLength(embed: ReturnType<typeof projectEmbed>): number {
  const data = embed.toJSON();
  return (
    (data.title?.length ?? 0) +
    (data.description?.length ?? 0) +
    (data.author?.name.length ?? 0) +
    (data.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

describe('markdownLink', () => {
  it('GIVEN brackets in the text and parentheses in the URL THEN the link stays one link', () => {
    expect(markdownLink('Array [docs]', 'https://en.wikipedia.org/wiki/Set_(mathematics)')).toBe(
      '[Array \\[docs\\]](https://en.wikipedia.org/wiki/Set_%28mathematics%29)',
    );
  });
});

describe('learning formatting', () => {
  it('GIVEN a learning with mentions THEN the post shows the text exactly as written', () => {
    const text = 'Hey @everyone and <@&123456789012345678>: **bold** stays';
    const embed = learningPostEmbed({
      author: { name: 'Alice', iconUrl: 'https://cdn.example/a.png' },
      text,
      item: { label: 'Generators', phaseTitle: 'Phase 2' },
      link: 'https://example.com',
      tags: ['python', 'async'],
      createdAt: new Date('2026-11-26T10:00:00Z'),
    }).toJSON();
    expect(embed.description).toBe(text);
    expect(embed.fields).toEqual([
      { name: 'Roadmap item', value: 'Generators · Phase 2', inline: true },
      { name: 'Link', value: 'https://example.com', inline: true },
      { name: 'Tags', value: '#python #async', inline: true },
    ]);
  });

  it('GIVEN a long first line THEN the thread name stays within 100 characters', () => {
    expect(
      learningThreadName(`${'word '.repeat(40)}\nsecond line`, NO_MENTION_NAMES).length,
    ).toBeLessThanOrEqual(100);
    expect(learningThreadName('Short\nmore', NO_MENTION_NAMES)).toBe('Discuss: Short');
  });

  it('GIVEN a full page of the longest learnings THEN the page stays within the description limit', () => {
    const longest: LearningWithItem = {
      id: 1,
      guild_id: 'g',
      user_id: '800000000000000001',
      text: 'x'.repeat(1_500),
      link: `https://example.com/${'p'.repeat(490)}`,
      tags: Array.from({ length: 5 }, (_, index) => `${index}`.repeat(30)).join(' '),
      item_id: 1,
      item_label: 'y'.repeat(300),
      channel_id: null,
      message_id: null,
      thread_id: null,
      created_at: '2026-11-26T10:00:00.000Z',
    };
    const description = learningsPageDescription(Array(LEARNINGS_PAGE_SIZE).fill(longest), false);
    expect(description.length).toBeLessThanOrEqual(PAGE_DESCRIPTION_LIMIT);
    expect(description).toContain('> xxx');
  });

  it('GIVEN no learnings THEN the page says so, differently when filtered', () => {
    expect(learningsPageDescription([], false)).toContain('/learned');
    expect(learningsPageDescription([], true)).toContain('No learnings match');
  });
});

describe('resource formatting', () => {
  const resource = (
    id: number,
    category: ResourceWithItem['category'],
    userId: string | null,
  ): ResourceWithItem => ({
    id,
    guild_id: 'g',
    user_id: userId,
    url: `https://example.com/${id}`,
    url_key: `example.com/${id}`,
    title: `Resource ${id}`,
    category,
    item_id: null,
    item_label: id === 2 ? 'Decorators' : null,
    note: id === 3 ? 'Read chapter\n2 first' : null,
    created_at: '2026-11-26T10:00:00.000Z',
    duplicate_of: null,
  });

  it('GIVEN resources in several categories THEN lines are grouped under headings in the offered order', () => {
    const lines = groupedResourceLines([
      resource(1, 'video', '800000000000000001'),
      resource(2, 'course', '800000000000000002'),
      resource(3, 'course', null),
    ]);
    expect(lines).toEqual([
      '**🎓 Courses**',
      '• [Resource 2](https://example.com/2) · added by <@800000000000000002> · for 📍 Decorators',
      '• [Resource 3](https://example.com/3) · added by a former member\n  Read chapter 2 first',
      '',
      '**🎬 Videos**',
      '• [Resource 1](https://example.com/1) · added by <@800000000000000001>',
    ]);
  });

  it('GIVEN filters THEN the filter line names each and the count; none THEN no line', () => {
    expect(describeResourceFilter({}, 12)).toBeNull();
    expect(describeResourceFilter({ category: 'practice', search: 'a*b' }, 1_234)).toBe(
      '🔎 Filtered by category Hands-on practice · search “a\\*b”: 1,234 resources.',
    );
    expect(describeResourceFilter({ itemLabel: 'x'.repeat(80) }, 0)).toBe(
      `🔎 Filtered by item 📍 ${'x'.repeat(59)}…: no resources.`,
    );
  });

  it('GIVEN an existing resource THEN the duplicate message points at it', () => {
    expect(duplicateResourceMessage(resource(1, 'book', '800000000000000001'))).toBe(
      'That link is already in the library: [Resource 1](https://example.com/1) (book, added by ' +
        '<@800000000000000001> on <t:1795687200:D>). Find it with `/resources list`.',
    );
  });
});

describe('project formatting', () => {
  const project: Project = {
    id: 1,
    guild_id: 'g',
    user_id: '800000000000000001',
    title: 't'.repeat(200),
    title_key: 't'.repeat(200),
    description: 'd'.repeat(1_000),
    tech: 'x'.repeat(200),
    repo_url: `https://github.com/${'r'.repeat(490)}`,
    demo_url: `https://demo.example/${'r'.repeat(490)}`,
    status: 'active',
    created_at: '2026-11-20T10:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
    duplicate_of: null,
  };

  it('GIVEN many long reflections THEN the newest are shown, the rest counted, within embed limits', () => {
    const reflections: ProjectReflection[] = Array.from({ length: 10 }, (_, index) => ({
      id: 10 - index,
      project_id: 1,
      text: `${10 - index} ${'r'.repeat(995)}`,
      created_at: '2026-11-26T10:00:00.000Z',
    }));
    const embed = projectEmbed(project, reflections, NO_MENTION_NAMES);
    const description = embed.toJSON().description ?? '';
    expect(description.length).toBeLessThanOrEqual(4_096);
    expect(description).toContain('**Reflections**');
    expect(description).toContain('10 rrr');
    expect(description).toMatch(/…and \d earlier reflections\./);
    expect(embedLength(embed)).toBeLessThanOrEqual(6_000);
  });

  it('GIVEN a long title THEN the autocomplete name keeps the status within 100 characters', () => {
    const name = projectChoiceName(project);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith(' · active')).toBe(true);
  });

  it('GIVEN another member’s project THEN the choice names its owner, or says they left, within 100 characters', () => {
    expect(projectChoiceName({ ...project, title: 'Todo CLI' }, 'Ada')).toBe('Todo CLI — @Ada · active');
    expect(projectChoiceName({ ...project, title: 'Todo CLI' }, null)).toBe(
      'Todo CLI — a former member · active',
    );
    const long = projectChoiceName(project, 'n'.repeat(40));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^t+… — @n{31}… · active$/);
  });
});
