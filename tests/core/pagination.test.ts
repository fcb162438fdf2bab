import { describe, expect, it } from 'vitest';
import { chunkLines, clampPage } from '../../src/discord/pagination.js';

describe('chunkLines', () => {
  it('GIVEN no lines THEN there is one empty page', () => {
    expect(chunkLines([])).toEqual([[]]);
  });

  it('GIVEN lines longer than a page in total THEN every page stays within the limit and no line is lost', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `line ${index} ${'x'.repeat(index % 90)}`);
    const pages = chunkLines(lines, 1_000);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.join('\n').length).toBeLessThanOrEqual(1_000);
    expect(pages.flat()).toEqual(lines);
  });
});

describe('clampPage', () => {
  it.each([
    [-1, 3, 0],
    [1, 3, 1],
    [7, 3, 2],
    [0, 0, 0],
  ])('page %i of %i → %i', (page, count, expected) => {
    expect(clampPage(page, count)).toBe(expected);
  });
});
