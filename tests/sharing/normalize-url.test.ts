import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, normalizeUrl } from '../../src/shared/normalize-url.js';

function normalized(input: string): string {
  const result = normalizeUrl(input);
  if (!result.ok) throw new Error(`refused ${input}: ${result.reason}`);
  return result.url;
}

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://Docs.Python.ORG/3/Tutorial/', 'https://docs.python.org/3/Tutorial'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com'],
    ['https://example.com', 'https://example.com'],
    ['https://example.com/a///', 'https://example.com/a'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x&utm_medium=y&b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=hn', 'https://example.com/a'],
    ['https://example.com/a?UTM_Campaign=x&q=1', 'https://example.com/a?q=1'],
    ['https://example.com/a?referrer=keep&q=a%20b', 'https://example.com/a?q=a%20b&referrer=keep'],
    ['https://example.com/watch?v=abc&t=10', 'https://example.com/watch?t=10&v=abc'],
    ['https://example.com/a?', 'https://example.com/a'],
  ])('%s → %s', (input, expected) => {
    expect(normalized(input)).toBe(expected);
  });

  it.each([
    ['https://youtu.be/dQw4w9WgXcQ?si=Ab12', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['http://youtu.be/dQw4w9WgXcQ?t=42', 'https://www.youtube.com/watch?t=42&v=dQw4w9WgXcQ'],
    ['https://youtube.com/shorts/abc_DEF-123/?feature=share', 'https://www.youtube.com/watch?v=abc_DEF-123'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ&pp=ygUE', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube.com/@channel/videos', 'https://www.youtube.com/@channel/videos'],
    ['https://example.com/a?si=1&feature=share&msclkid=2&ref_src=tw', 'https://example.com/a'],
    ['https://example.com/a?feature=dark-mode', 'https://example.com/a?feature=dark-mode'],
    ['https://youtube.com:8443/shorts/abc', 'https://youtube.com:8443/shorts/abc'],
  ])('%s → %s (short links expanded, more tracking dropped)', (input, expected) => {
    expect(normalized(input)).toBe(expected);
  });

  it.each([
    ['http://x.com', 'https://x.com/'],
    ['https://www.x.com/a/', 'http://x.com/a'],
    ['https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share'],
    ['https://youtube.com/shorts/dQw4w9WgXcQ', 'https://m.youtube.com/watch?v=dQw4w9WgXcQ'],
  ])('GIVEN %s and %s THEN they have the same key', (first, second) => {
    const [a, b] = [normalizeUrl(first), normalizeUrl(second)];
    expect(a.ok && b.ok && a.key === b.key).toBe(true);
  });

  it.each([
    ['https://x.com/a', 'https://x.com/b'],
    ['https://x.com/A', 'https://x.com/a'],
    ['https://x.com:8080/a', 'https://x.com/a'],
    ['https://youtu.be/aaaaaaaaaaa', 'https://youtu.be/bbbbbbbbbbb'],
    ['https://sub.x.com/a', 'https://x.com/a'],
  ])('GIVEN %s and %s THEN their keys differ', (first, second) => {
    const [a, b] = [normalizeUrl(first), normalizeUrl(second)];
    expect(a.ok && b.ok && a.key !== b.key).toBe(true);
  });

  it('GIVEN any accepted link THEN its key is the URL without scheme and leading www.', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), (input) => {
        const result = normalizeUrl(input);
        if (!result.ok) return;
        expect(result.key).toBe(result.url.replace(/^https?:\/\/(www\.)?/, ''));
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN the same page with different tracking parameters THEN both normalize to the same URL', () => {
    expect(normalized('https://Example.com/guide/?utm_source=newsletter&id=7#top')).toBe(
      normalized('https://example.com/guide?id=7&fbclid=abc123'),
    );
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['ftp://example.com/file'],
    ['file:///etc/passwd'],
    ['mailto:someone@example.com'],
    ['example.com'],
    ['not a link'],
    [''],
    ['https://user:secret@example.com/'],
  ])('GIVEN %s THEN it is refused', (input) => {
    expect(normalizeUrl(input).ok).toBe(false);
  });

  it('GIVEN a link longer than the limit THEN it is refused', () => {
    const result = normalizeUrl(`https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`);
    expect(result).toEqual({ ok: false, reason: `Links can be at most ${MAX_URL_LENGTH} characters long.` });
  });

  it('GIVEN any web URL THEN the result is http(s), within the limit, and normalizing it again changes nothing', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (input) => {
        const result = normalizeUrl(input);
        if (!result.ok) return;
        expect(result.url).toMatch(/^https?:\/\//);
        expect(result.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
        expect(normalizeUrl(result.url)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN any text THEN it is either refused or becomes an idempotent http(s) URL', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const result = normalizeUrl(input);
        if (!result.ok) return;
        expect(result.url).toMatch(/^https?:\/\//);
        expect(normalizeUrl(result.url)).toEqual(result);
      }),
    );
  });
});
