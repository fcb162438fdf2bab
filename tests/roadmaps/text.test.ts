import { describe, expect, it } from 'vitest';
import { normalizeText, textSlug } from '../../src/roadmaps/text.js';
import { truncate } from '../../src/shared/text.js';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });

  it('cuts to the limit, ellipsis included, without trailing space', () => {
    expect(truncate('hello world', 7)).toBe('hello…');
    expect(truncate('hello world', 7).length).toBeLessThanOrEqual(7);
    expect(truncate('hello', 1)).toBe('…');
    expect(truncate('hello', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const text = `ab${'😀'.repeat(10)}`;
    for (let max = 1; max <= text.length; max += 1) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/\p{Cs}/u);
    }
  });
});

describe('normalizeText', () => {
  it('folds case, accents and compatibility forms and keeps only words', () => {
    expect(normalizeText('  Métaclasses, DÉCORATEURS & ﬁles (①)!  ')).toBe('metaclasses decorateurs files 1');
    expect(normalizeText('İstanbul')).toBe('istanbul');
    expect(normalizeText('🚀')).toBe('');
  });
});

describe('textSlug', () => {
  it('joins words with dashes', () => {
    expect(textSlug("Python's data model (`__init__`)")).toBe('python-s-data-model-init');
  });

  it('caps long text and keeps distinct long texts distinct', () => {
    const a = textSlug(`${'long words '.repeat(20)}alpha`);
    const b = textSlug(`${'long words '.repeat(20)}beta`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(80 + 8);
    expect(textSlug('a b c d e f', 5)).toMatch(/^a-b-c-[0-9a-z]{7}$/);
  });

  it('identifies text without letters by a hash', () => {
    expect(textSlug('🔥🔥')).toMatch(/^h[0-9a-z]{7}$/);
    expect(textSlug('🔥🔥')).not.toBe(textSlug('🔥'));
  });
});
