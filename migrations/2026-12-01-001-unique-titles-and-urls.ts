import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. It carries its own copy of how a
// link's identity and a project title's key were computed on 2026-12-01, so it computes the
// same keys whatever the application does later; a later change to those rules needs a
// migration of its own to recompute them.
//
// Rows that already repeat another (same link in a guild, same title for a member) are kept and
// marked, never merged, renamed or deleted: the oldest stays canonical, the others point at it
// in `duplicate_of`, and the app logs them after migrating so an admin can tidy up.

const TRACKING_PARAMETER =
  /^(utm_.*|mc_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|si|ref|ref_src|_hsenc|_hsmi|mkt_tok)$/i;
const TRACKING_PAIR = /^feature=share$/i;
const YOUTUBE_TRACKING_PARAMETER = /^(feature|pp)$/i;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);

function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** A stored link's identity: no scheme, `www.`, tracking or order of parameters; YouTube expanded. */
export function urlKey(stored: string): string {
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return stored;
  }
  let path = url.pathname.replace(/\/+$/, '');
  const pairs: string[] = [];
  const youtube = url.port === '' && (url.hostname === 'youtu.be' || YOUTUBE_HOSTS.has(url.hostname));
  const id =
    url.hostname === 'youtu.be'
      ? /^\/([\w-]+)$/.exec(path)?.[1]
      : youtube
        ? /^\/(?:shorts|live|embed)\/([\w-]+)$/.exec(path)?.[1]
        : undefined;
  if (id !== undefined) {
    path = '/watch';
    pairs.push(`v=${id}`);
  }
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '' || TRACKING_PAIR.test(pair)) continue;
    const name = parameterName(pair);
    if (TRACKING_PARAMETER.test(name) || (youtube && YOUTUBE_TRACKING_PARAMETER.test(name))) continue;
    pairs.push(pair);
  }
  pairs.sort();
  const host = youtube ? 'youtube.com' : url.host.replace(/^www\./, '');
  return `${host}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

/** One title per member: case and surrounding whitespace do not make a new one. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim().toLowerCase();
}

interface Keyed {
  id: number;
  group: string;
  key: string;
}

/** Each row's key and, for all but the oldest row of a group with the same key, the row it repeats. */
function markDuplicates(rows: readonly Keyed[]): { id: number; key: string; duplicateOf: number | null }[] {
  const firsts = new Map<string, number>();
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row) => {
      const identity = `${row.group}\u0000${row.key}`;
      const first = firsts.get(identity);
      if (first === undefined) firsts.set(identity, row.id);
      return { id: row.id, key: row.key, duplicateOf: first ?? null };
    });
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // `duplicate_of` marks a row that already repeated another before this rule existed: it stays
  // visible and its owner decides, and the unique indexes below cover every other row.
  await sql`alter table resources add column url_key text not null default ''`.execute(db);
  await sql`alter table resources add column duplicate_of integer`.execute(db);
  const resources = await sql<{ id: number; guild_id: string; url: string }>`
    select id, guild_id, url from resources
  `.execute(db);
  const resourceKeys = markDuplicates(
    resources.rows.map((row) => ({ id: row.id, group: row.guild_id, key: urlKey(row.url) })),
  );
  for (const row of resourceKeys) {
    await sql`update resources set url_key = ${row.key}, duplicate_of = ${row.duplicateOf} where id = ${row.id}`.execute(
      db,
    );
  }
  await sql`
    create unique index resources_guild_url_key on resources (guild_id, url_key) where duplicate_of is null
  `.execute(db);

  await sql`alter table projects add column title_key text not null default ''`.execute(db);
  await sql`alter table projects add column duplicate_of integer`.execute(db);
  const projects = await sql<{ id: number; guild_id: string; user_id: string; title: string }>`
    select id, guild_id, user_id, title from projects
  `.execute(db);
  const projectKeys = markDuplicates(
    projects.rows.map((row) => ({
      id: row.id,
      group: `${row.guild_id}\u0000${row.user_id}`,
      key: titleKey(row.title),
    })),
  );
  for (const row of projectKeys) {
    await sql`update projects set title_key = ${row.key}, duplicate_of = ${row.duplicateOf} where id = ${row.id}`.execute(
      db,
    );
  }
  await sql`
    create unique index projects_member_title on projects (guild_id, user_id, title_key) where duplicate_of is null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index projects_member_title`.execute(db);
  await sql`alter table projects drop column duplicate_of`.execute(db);
  await sql`alter table projects drop column title_key`.execute(db);
  await sql`drop index resources_guild_url_key`.execute(db);
  await sql`alter table resources drop column duplicate_of`.execute(db);
  await sql`alter table resources drop column url_key`.execute(db);
}
