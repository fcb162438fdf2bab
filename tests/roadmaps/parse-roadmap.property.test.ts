import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedRoadmap, parseRoadmap, RoadmapParseError } from '../../src/roadmaps/parse-roadmap.js';
import { ROADMAP_LIMITS } from '../../src/roadmaps/roadmap-limits.js';
import { markdownDocument } from './support/markdown-arbitraries.js';

/** Parses, accepting only a RoadmapParseError as failure; returns null for one. */
function parseOrRefuse(source: string | Uint8Array): ParsedRoadmap | null {
  try {
    return parseRoadmap(source);
  } catch (error) {
    expect(error).toBeInstanceOf(RoadmapParseError);
    return null;
  }
}

function expectWellFormed(roadmap: ParsedRoadmap | null): void {
  if (roadmap === null) return;
  const { phases, items } = roadmap;
  expect(items.length).toBeGreaterThan(0);
  expect(items.length).toBeLessThanOrEqual(ROADMAP_LIMITS.maxItems);
  expect(phases.length).toBeLessThanOrEqual(ROADMAP_LIMITS.maxPhases);
  expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
  expect(phases.map((phase) => phase.index)).toEqual(phases.map((_, index) => index));
  const byKey = new Map(items.map((item) => [item.key, item]));
  items.forEach((item, position) => {
    expect(item.position).toBe(position);
    expect(item.label).not.toBe('');
    expect(item.label).toBe(item.label.trim());
    expect(phases[item.phaseIndex]).toBeDefined();
    const parent = item.parentKey === null ? undefined : byKey.get(item.parentKey);
    expect(item.depth).toBe(parent === undefined ? 0 : parent.depth + 1);
    if (parent) expect(parent.position).toBeLessThan(item.position);
  });
}

describe('parseRoadmap on arbitrary input', () => {
  it('throws nothing but RoadmapParseError on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => expectWellFormed(parseOrRefuse(source))),
      { numRuns: 500 },
    );
  });

  it('throws nothing but RoadmapParseError on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (source) => expectWellFormed(parseOrRefuse(source))),
      { numRuns: 300 },
    );
  });

  it('reads markdown-ish documents into well-formed roadmaps', () => {
    fc.assert(
      fc.property(markdownDocument, (source) => expectWellFormed(parseOrRefuse(source))),
      { numRuns: 500 },
    );
  });

  it('refuses rather than exceeds its limits at any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_100 }), fc.integer({ min: 1, max: 210 }), (items, phases) => {
        const source = Array.from({ length: phases }, (_, phase) =>
          [
            `## P${phase}`,
            ...Array.from({ length: Math.ceil(items / phases) }, (_, n) => `- [ ] i${n}`),
          ].join('\n'),
        ).join('\n');
        expectWellFormed(parseOrRefuse(source));
      }),
      { numRuns: 12 },
    );
  });
});
