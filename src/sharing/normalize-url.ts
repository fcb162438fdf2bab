/** Longer links are almost always tracking-laden or pasted by mistake; 512 keeps embeds readable. */
export const MAX_URL_LENGTH = 512;

export type NormalizedUrl = { ok: true; url: string } | { ok: false; reason: string };

const TRACKING_PARAMETER = /^(utm_.*|mc_.*|fbclid|gclid|ref)$/i;

function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The canonical form of a link, so the same page shared twice is recognised: lowercase scheme
 * and host, no default port, fragment, trailing slash or tracking parameters, and the remaining
 * query parameters sorted. Query pairs are kept exactly as encoded (only reordered), because
 * re-encoding them could change what some servers read. Only http(s) links are accepted.
 */
export function normalizeUrl(input: string): NormalizedUrl {
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `Links can be at most ${MAX_URL_LENGTH} characters long.` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'That does not look like a link. Links start with https:// or http://.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'Only http:// and https:// links are accepted.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Links cannot contain a username or password.' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !TRACKING_PARAMETER.test(parameterName(pair)))
    .sort();
  const normalized = `${url.protocol}//${url.host}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  if (normalized.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `Links can be at most ${MAX_URL_LENGTH} characters long.` };
  }
  return { ok: true, url: normalized };
}
