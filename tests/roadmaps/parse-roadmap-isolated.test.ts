import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseRoadmap, RoadmapParseError } from '../../src/roadmaps/parse-roadmap.js';
import { parseRoadmapIsolated } from '../../src/roadmaps/parse-roadmap-isolated.js';
import { findRoadmapTemplate } from '../../src/roadmaps/templates/index.js';

describe('parseRoadmapIsolated', () => {
  it('GIVEN a roadmap THEN the worker parses it exactly like parseRoadmap', async () => {
    const source = await findRoadmapTemplate('python-developer')!.load();
    const bytes = new TextEncoder().encode(source);
    expect(await parseRoadmapIsolated(bytes)).toEqual(parseRoadmap(bytes));
  });

  it('GIVEN a file with no checklist THEN the refusal keeps its reason and message', async () => {
    const failure = parseRoadmapIsolated(new TextEncoder().encode('# Notes\n\njust prose'));
    await expect(failure).rejects.toBeInstanceOf(RoadmapParseError);
    await expect(failure).rejects.toMatchObject({ reason: 'no-items' });
  });

  it('GIVEN a parse that outlives its deadline THEN it is refused as too complex', async () => {
    const bytes = await readFile(
      new URL('../../src/roadmaps/templates/python-developer.md', import.meta.url),
    );
    await expect(parseRoadmapIsolated(bytes, 1)).rejects.toMatchObject({ reason: 'too-complex' });
  });
});
