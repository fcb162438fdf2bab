import type { EmbedBuilder } from 'discord.js';
import { DISCORD_LIMITS } from '../../shared/discord-limits.js';
import { discordTime, relativeTime } from '../../shared/discord-time.js';
import { truncate } from '../../shared/text.js';
import type { LearningWithItem } from '../../sharing/learnings-queries.js';
import { waymarkEmbed } from '../embeds.js';
import { PAGE_DESCRIPTION_LIMIT } from '../pagination.js';
import { type MentionNames, readableText } from '../readable-mentions.js';

export interface LearningPost {
  author: { name: string; iconUrl: string };
  text: string;
  item: { label: string; phaseTitle: string } | null;
  link: string | null;
  tags: readonly string[];
  createdAt: Date;
}

/** Tags as they are shown: `#python #async`. */
export function formatTags(tags: readonly string[]): string {
  return tags.map((tag) => `#${tag}`).join(' ');
}

/** Stored tags (`"python async"`) back to a list. */
export function splitStoredTags(tags: string): string[] {
  return tags === '' ? [] : tags.split(' ');
}

/** The public post for a new learning. The text is shown exactly as written. */
export function learningPostEmbed(post: LearningPost): EmbedBuilder {
  const embed = waymarkEmbed()
    .setAuthor({ name: truncate(post.author.name, 256), iconURL: post.author.iconUrl })
    .setDescription(post.text)
    .setTimestamp(post.createdAt);
  if (post.item) {
    embed.addFields({
      name: 'Roadmap item',
      value: truncate(`${post.item.label} · ${post.item.phaseTitle}`, 1_024),
      inline: true,
    });
  }
  if (post.link) embed.addFields({ name: 'Link', value: post.link, inline: true });
  if (post.tags.length > 0) embed.addFields({ name: 'Tags', value: formatTags(post.tags), inline: true });
  return embed;
}

const LEARNING_THREAD_PREFIX = 'Discuss: ';

/** What of a learning names its discussion thread: the first line. */
export function learningThreadTopic(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** The name of the discussion thread opened from a learning's post, its mentions as names. */
export function learningThreadName(text: string, names: MentionNames): string {
  const topic = readableText(
    learningThreadTopic(text),
    names,
    DISCORD_LIMITS.threadName - LEARNING_THREAD_PREFIX.length,
  );
  return `${LEARNING_THREAD_PREFIX}${topic}`;
}

export const LEARNINGS_PAGE_SIZE = 4;

/** Every entry fits this, so a full page stays under the embed description limit. */
const ENTRY_BUDGET = Math.floor(PAGE_DESCRIPTION_LIMIT / LEARNINGS_PAGE_SIZE) - 2;
const MIN_TEXT_LENGTH = 120;

/**
 * One learning in a list: who, when and for which item; the text (quoted, shortened to what
 * is left of the entry's share of the page); link and tags.
 */
export function learningListEntry(learning: LearningWithItem): string {
  const header = [
    `<@${learning.user_id}>`,
    `${discordTime(learning.created_at, 'd')} (${relativeTime(learning.created_at)})`,
    learning.item_label === null ? null : `📍 ${truncate(learning.item_label, 60)}`,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  const tags = splitStoredTags(learning.tags);
  const footer = [
    learning.link === null ? null : `🔗 ${learning.link}`,
    tags.length > 0 ? formatTags(tags) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  const textBudget = Math.max(MIN_TEXT_LENGTH, ENTRY_BUDGET - header.length - footer.length - 10);
  const quoted = truncate(learning.text, textBudget)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return [header, quoted, footer].filter((part) => part !== '').join('\n');
}

/** The list page's description: its entries, or a friendly sentence when there are none. */
export function learningsPageDescription(learnings: readonly LearningWithItem[], filtered: boolean): string {
  if (learnings.length === 0) {
    return filtered
      ? 'No learnings match. Try fewer words or another filter.'
      : 'Nobody has shared a learning yet. Be the first with `/learned`!';
  }
  return truncate(learnings.map(learningListEntry).join('\n\n'), PAGE_DESCRIPTION_LIMIT);
}
