import { describe, expect, it } from 'vitest';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { findRoadmapTemplate, ROADMAP_TEMPLATES } from '../../src/roadmaps/templates/index.js';
import { fixtureAvailable, readFixture } from './support/roadmap-fixtures.js';

async function loadPythonTemplate(): Promise<string> {
  const template = findRoadmapTemplate('python-developer');
  if (!template) throw new Error('the python-developer template is missing');
  return template.load();
}

describe('roadmap templates', () => {
  it('lists templates with names and titles that fit Discord choices', () => {
    expect(ROADMAP_TEMPLATES.map((template) => template.name)).toContain('python-developer');
    for (const template of ROADMAP_TEMPLATES) {
      expect(template.name).toMatch(/^[a-z0-9-]+$/);
      expect(template.title.length).toBeLessThanOrEqual(100);
      expect(template.description.length).toBeLessThanOrEqual(100);
    }
    expect(findRoadmapTemplate('nope')).toBeUndefined();
  });

  it('bundles every template as a parseable roadmap', async () => {
    for (const template of ROADMAP_TEMPLATES) {
      const roadmap = parseRoadmap(await template.load());
      expect(roadmap.title).toBe(template.title);
    }
  });

  it('has the python-developer phases and items, all unchecked, and no personal details', async () => {
    const source = await loadPythonTemplate();
    const roadmap = parseRoadmap(source);
    expect(roadmap.phases.map((phase) => phase.title)).toEqual([
      'Phase 1: Laying the Bedrock - Python Core & Fundamentals',
      'Phase 2: Building for the Web - Django, RESTful APIs, and Beyond',
      'Phase 3: Harnessing the Power of Data - Advanced Data Analysis and Visualization',
      'Phase 4: Venturing into Intelligent Systems - Machine Learning and Deep Learning',
    ]);
    expect(roadmap.items).toHaveLength(47);
    expect(roadmap.items.every((item) => item.status === 'todo')).toBe(true);
    expect(roadmap.items[0]?.section).toBe('Deep Dive into Core Python Internals');
    for (const forbidden of ['@', 'http', 'mailto', '[Date', 'Dhaka', 'ahammad']) {
      expect(source).not.toContain(forbidden);
    }
  });

  it.skipIf(!fixtureAvailable)('matches the fixture item for item, section for section', async () => {
    const template = parseRoadmap(await loadPythonTemplate());
    const fixture = parseRoadmap(readFixture());
    const shape = (roadmap: typeof template) =>
      roadmap.items.map((item) => [item.phaseIndex, item.section, item.label, item.markdown, item.depth]);
    expect(shape(template)).toEqual(shape(fixture));
    template.phases.forEach((phase, index) => {
      expect(fixture.phases[index]?.title.startsWith(phase.title)).toBe(true);
    });
  });
});
