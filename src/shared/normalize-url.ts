/** Longer links are almost always tracking-laden or pasted by mistake; 512 keeps embeds readable. */
export const MAX_URL_LENGTH = 512;

/**
 * `url` is the link as shown and stored; `key` is its identity, the same for every way of
 * writing one page (http or https, with or without `www.`, a YouTube short link or the full one).
 */
export type NormalizedUrl = { ok: true; url: string; key: string } | { ok: false; reason: string };

/** Parameters that only say who shared a link or where it was clicked. */
const TRACKING_PARAMETER =
  /^(utm_.*|mc_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|si|ref|ref_src|_hsenc|_hsmi|mkt_tok)$/i;
/** `feature` selects content on some sites, so elsewhere only its sharing value is dropped. */
const TRACKING_PAIR = /^feature=share$/i;
const YOUTUBE_TRACKING_PARAMETER = /^(feature|pp)$/i;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);
const YOUTUBE_CANONICAL_HOST = 'www.youtube.com';
const YOUTUBE_VIDEO_PATH = /^\/(?:shorts|live|embed)\/([\w-]+)$/;
const SHORT_VIDEO_PATH = /^\/([\w-]+)$/;

function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * YouTube's other spellings of a video (youtu.be/ID, /shorts/ID, m.youtube.com) as the one
 * watch page, without asking the network; `undefined` for any other site.
 */
function youtubeVideo(host: string, path: string): { path: string; pairs: string[] } | undefined {
  const id =
    host === 'youtu.be'
      ? SHORT_VIDEO_PATH.exec(path)?.[1]
      : YOUTUBE_HOSTS.has(host)
        ? YOUTUBE_VIDEO_PATH.exec(path)?.[1]
        : undefined;
  if (id !== undefined) return { path: '/watch', pairs: [`v=${id}`] };
  return YOUTUBE_HOSTS.has(host) ? { path, pairs: [] } : undefined;
}

/**
 * The canonical form of a link, so the same page shared twice is recognised: lowercase scheme
 * and host, no default port, fragment, trailing slash or tracking parameters, YouTube's short
 * forms expanded, and the remaining query parameters sorted. Query pairs are kept exactly as
 * encoded (only reordered), because re-encoding them could change what some servers read. The
 * scheme and `www.` stay in the shown link (a site may serve only one of them) but not in its
 * key. Only http(s) links are accepted.
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
  const pathname = url.pathname.replace(/\/+$/, '');
  const video = url.port === '' ? youtubeVideo(url.hostname, pathname) : undefined;
  const protocol = video ? 'https:' : url.protocol;
  const host = video ? YOUTUBE_CANONICAL_HOST : url.host;
  const path = video?.path ?? pathname;
  const query = [
    ...(video?.pairs ?? []),
    ...url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !TRACKING_PAIR.test(pair))
      .filter((pair) => {
        const name = parameterName(pair);
        return !TRACKING_PARAMETER.test(name) && !(video && YOUTUBE_TRACKING_PARAMETER.test(name));
      }),
  ].sort();
  const rest = `${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  const normalized = `${protocol}//${host}${rest}`;
  if (normalized.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `Links can be at most ${MAX_URL_LENGTH} characters long.` };
  }
  return { ok: true, url: normalized, key: `${host.replace(/^www\./, '')}${rest}` };
}
