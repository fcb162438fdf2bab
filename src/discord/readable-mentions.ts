import type { Guild } from 'discord.js';
import { sliceCodeUnits } from '../shared/text.js';

/**
 * Thread names and embed titles show mention syntax as typed (`<@1577…>`): Discord renders
 * mentions only in message content and descriptions. Text bound for those places goes through
 * here, so members see the names they meant instead of ids.
 */

type MentionKind = 'user' | 'role' | 'channel';

interface Mention {
  kind: MentionKind;
  id: string;
}

/** The names of the mentions in a text; a mention without one shows a placeholder, never its id. */
export interface MentionNames {
  users: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, string>;
}

export const NO_MENTION_NAMES: MentionNames = { users: new Map(), roles: new Map(), channels: new Map() };

const MENTION = /<(@!?|@&|#)(\d{17,20})>|<\/([\p{L}\p{N}_ -]{1,98}):\d{17,20}>/gu;
const KINDS: Record<string, MentionKind> = { '@': 'user', '@!': 'user', '@&': 'role', '#': 'channel' };
const ELLIPSIS = '…';
/** The shortest a mention can show as (`@x`), which bounds how many of them can fit. */
const SHORTEST_NAME = 2;
/**
 * Members the bot has not cached are fetched one REST call each; more than this in one text is
 * a stunt, not a title, and the rest show as unknown rather than cost a burst of calls.
 */
const MAX_FETCHED_USERS = 10;

/** The text in pieces: plain runs as strings, mentions as tokens that are never split. */
function splitMentions(text: string): (string | Mention | { command: string })[] {
  const parts: (string | Mention | { command: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const [, sigil, id, command] = match;
    parts.push(command !== undefined ? { command } : { kind: KINDS[sigil!]!, id: id! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function nameOf(part: Mention | { command: string }, names: MentionNames): string {
  if ('command' in part) return `/${part.command}`;
  if (part.kind === 'channel') return `#${names.channels.get(part.id) ?? 'unknown-channel'}`;
  const name = part.kind === 'role' ? (names.roles.get(part.id) ?? 'unknown-role') : names.users.get(part.id);
  // The @everyone role is named with its @ already.
  if (name?.startsWith('@')) return name;
  return `@${name ?? 'unknown-user'}`;
}

/**
 * `text` with its mentions shown as names (`@bob`, `@Reviewers`, `#general`, `/check`), at most
 * `max` UTF-16 code units. When it must be cut, the cut falls in plain text or before a name,
 * never inside one, and ends with `…`.
 */
export function readableText(text: string, names: MentionNames, max: number): string {
  const pieces = splitMentions(text).map((part) =>
    typeof part === 'string' ? { text: part, whole: false } : { text: nameOf(part, names), whole: true },
  );
  const full = pieces.map((piece) => piece.text).join('');
  if (full.length <= max) return full;
  if (max < ELLIPSIS.length) return '';
  let kept = '';
  for (const piece of pieces) {
    const room = max - ELLIPSIS.length - kept.length;
    if (piece.text.length <= room) {
      kept += piece.text;
      continue;
    }
    if (!piece.whole) kept += sliceCodeUnits(piece.text, room);
    break;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/** The mentions that could show within `max` characters, each at its shortest. */
function visibleMentions(text: string, max: number): Mention[] {
  const mentions: Mention[] = [];
  let used = 0;
  for (const part of splitMentions(text)) {
    used += typeof part === 'string' ? part.length : SHORTEST_NAME;
    if (used > max) break;
    if (typeof part !== 'string' && !('command' in part)) mentions.push(part);
  }
  return mentions;
}

/** A member's server display name, else the user's global name; undefined when Discord knows neither. */
async function userName(guild: Guild, userId: string, fetch: boolean): Promise<string | undefined> {
  const cached = guild.members.cache.get(userId) ?? guild.client.users.cache.get(userId);
  if (cached) return cached.displayName;
  if (!fetch) return undefined;
  // Fetching one member or user needs no privileged intent; a user who left is still a user.
  const member = await guild.members.fetch(userId).catch(() => undefined);
  if (member) return member.displayName;
  const user = await guild.client.users.fetch(userId).catch(() => undefined);
  return user?.displayName;
}

/**
 * The names of the mentions in `text` that can show within `max` characters: roles and
 * channels from the guild's cache (GUILD_CREATE), members from the cache or one REST fetch each.
 */
export async function resolveMentionNames(guild: Guild, text: string, max: number): Promise<MentionNames> {
  const mentions = visibleMentions(text, max);
  const ids = (kind: MentionKind) => [
    ...new Set(mentions.filter((mention) => mention.kind === kind).map((mention) => mention.id)),
  ];
  const roles = new Map<string, string>();
  for (const id of ids('role')) {
    const role = guild.roles.cache.get(id);
    if (role) roles.set(id, role.name);
  }
  const channels = new Map<string, string>();
  for (const id of ids('channel')) {
    const channel = guild.channels.cache.get(id);
    if (channel) channels.set(id, channel.name);
  }
  const users = new Map<string, string>();
  const userIds = ids('user');
  const found = await Promise.all(userIds.map((id, index) => userName(guild, id, index < MAX_FETCHED_USERS)));
  userIds.forEach((id, index) => {
    const name = found[index];
    if (name !== undefined) users.set(id, name);
  });
  return { users, roles, channels };
}
