import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownLink } from '../../src/shared/markdown-link.js';
import { MAX_URL_LENGTH, normalizeUrl } from '../../src/shared/normalize-url.js';
import { FUZZ_RUNS, FUZZ_SEED, memberText } from './member-text.js';

/**
 * tests/sharing/normalize-url.test.ts already checks that any web URL or string is refused or
 * becomes an idempotent http(s) URL; these add what a member could exploit or trip over.
 */
const RUNS = { seed: FUZZ_SEED, numRuns: FUZZ_RUNS };

function normalized(input: string): string {
  const result = normalizeUrl(input);
  if (!result.ok) throw new Error(`refused ${input}: ${result.reason}`);
  return result.url;
}

const webUrl = fc
  .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true })
  .filter((url) => normalizeUrl(url).ok);
const tracking = fc.constantFrom(
  'utm_source=news',
  'UTM_Medium=mail',
  'fbclid=abc',
  'gclid=1',
  'mc_eid=2',
  'ref=hn',
  'si=Ab12',
  'feature=share',
  'msclkid=3',
);

describe('fuzz: URL normalization', () => {
  it('GIVEN any scheme other than http(s) THEN the link is refused', () => {
    const scheme = fc
      .stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/)
      .filter((candidate) => candidate !== 'http' && candidate !== 'https');
    fc.assert(
      fc.property(scheme, webUrl, (other, url) => {
        expect(normalizeUrl(url.replace(/^https?/, other)).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('GIVEN the same page with a capitalised host, default port, fragment, trailing slash, tracking parameters or reordered parameters THEN it normalizes to the same URL', () => {
    fc.assert(
      fc.property(
        webUrl,
        fc.array(tracking, { maxLength: 4 }),
        fc.string({ maxLength: 10 }),
        (url, extra, fragment) => {
          const parsed = new URL(url);
          const port = parsed.protocol === 'https:' ? ':443' : ':80';
          const pairs = [...parsed.search.slice(1).split('&').filter(Boolean), ...extra].reverse();
          const variant = `${parsed.protocol.toUpperCase()}//${parsed.hostname.toUpperCase()}${parsed.port ? `:${parsed.port}` : port}${parsed.pathname}/${pairs.length > 0 ? `?${pairs.join('&')}` : ''}#${encodeURIComponent(fragment)}`;
          expect(normalized(variant)).toBe(normalized(url));
        },
      ),
      RUNS,
    );
  });

  it('GIVEN any accepted link THEN it has no credentials, fragment, whitespace or tracking parameter, and fits the limit', () => {
    const messy = fc
      .tuple(webUrl, fc.array(tracking, { maxLength: 3 }), fc.constantFrom('', ' ', '\t', '#top'))
      .map(([url, extra, tail]) => `${url}${url.includes('?') ? '&' : '?'}${extra.join('&')}${tail}`);
    fc.assert(
      fc.property(fc.oneof(messy, memberText(600)), (input) => {
        const result = normalizeUrl(input);
        if (!result.ok) return;
        const url = new URL(result.url);
        expect(url.username + url.password).toBe('');
        expect(result.url).not.toMatch(/[#\s]/);
        expect(result.url).not.toMatch(
          /[?&](utm_[^=&]*|mc_[^=&]*|fbclid|gclid|ref|si|msclkid)(=|&|$)|feature=share/i,
        );
        expect(result.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
      }),
      RUNS,
    );
  });

  it('GIVEN any title and accepted link THEN the markdown link stays one link: the title cannot close it, the URL cannot end it early', () => {
    const oneLink = /^\[(?:\\.|[^\\\]])*\]\([^()\s]*\)$/su;
    fc.assert(
      fc.property(memberText(200), webUrl, (title, url) => {
        expect(markdownLink(title, normalized(url))).toMatch(oneLink);
      }),
      RUNS,
    );
  });
});
