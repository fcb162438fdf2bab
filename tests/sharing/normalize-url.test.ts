import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, normalizeUrl } from '../../src/sharing/normalize-url.js';

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
