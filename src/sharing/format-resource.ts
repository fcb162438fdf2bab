import { RESOURCE_CATEGORIES, type Resource, type ResourceCategory } from '../db/schema.js';
import { discordTime } from '../shared/discord-time.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
import { markdownLink } from '../shared/markdown-link.js';
import { pluralize } from '../shared/plural.js';
import { truncate } from '../shared/text.js';
import type { ResourceWithItem } from './resources-queries.js';

/** The option choice name and the list heading of each category. */
export const RESOURCE_CATEGORY_LABELS: Record<ResourceCategory, { choice: string; heading: string }> = {
  course: { choice: 'Course', heading: '🎓 Courses' },
  book: { choice: 'Book', heading: '📚 Books' },
  paper: { choice: 'Paper', heading: '📄 Papers' },
  documentation: { choice: 'Documentation', heading: '📖 Documentation' },
  community: { choice: 'Community', heading: '💬 Communities' },
  practice: { choice: 'Hands-on practice', heading: '🛠️ Hands-on practice' },
  video: { choice: 'Video', heading: '🎬 Videos' },
  other: { choice: 'Other', heading: '🔖 Other' },
};

export function addedBy(userId: string | null): string {
  return userId === null ? 'a former member' : `<@${userId}>`;
}

/** One line per resource: the link, who added it and for which item, and the note. */
export function resourceLine(resource: ResourceWithItem): string {
  const parts = [
    `• ${markdownLink(truncate(resource.title, 120), resource.url)}`,
    `added by ${addedBy(resource.user_id)}`,
    resource.item_label === null ? null : `for 📍 ${truncate(resource.item_label, 60)}`,
  ].filter((part) => part !== null);
  const note = resource.note === null ? '' : `\n  ${truncate(resource.note.replace(/\s+/g, ' '), 200)}`;
  return `${parts.join(' · ')}${note}`;
}

/**
 * The lines of a resource list, grouped under category headings in the order categories are
 * offered, so pages split with `chunkLines` keep each heading above its resources.
 */
export function groupedResourceLines(resources: readonly ResourceWithItem[]): string[] {
  const lines: string[] = [];
  for (const category of RESOURCE_CATEGORIES) {
    const inCategory = resources.filter((resource) => resource.category === category);
    if (inCategory.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`**${RESOURCE_CATEGORY_LABELS[category].heading}**`, ...inCategory.map(resourceLine));
  }
  return lines;
}

/** The sentence pointing at the entry a duplicate URL collides with. */
export function duplicateResourceMessage(existing: Resource): string {
  return (
    `That link is already in the library: ${markdownLink(truncate(existing.title, 120), existing.url)} ` +
    `(${RESOURCE_CATEGORY_LABELS[existing.category].choice.toLowerCase()}, added by ${addedBy(existing.user_id)} ` +
    `on ${discordTime(existing.created_at, 'D')}). Find it with \`/resources list\`.`
  );
}

/** What a resource list is narrowed to, as the member chose it. */
export interface ResourceFilterLabels {
  category?: ResourceCategory | undefined;
  itemLabel?: string | undefined;
  search?: string | undefined;
}

/**
 * The line above a filtered list saying what it is filtered by and how many matched, so a short
 * list is never mistaken for the whole library; `null` when nothing filters it.
 */
export function describeResourceFilter(labels: ResourceFilterLabels, count: number): string | null {
  const parts = [
    labels.category === undefined ? null : `category ${RESOURCE_CATEGORY_LABELS[labels.category].choice}`,
    labels.itemLabel === undefined ? null : `item 📍 ${escapeMarkdown(truncate(labels.itemLabel, 60))}`,
    labels.search === undefined ? null : `search “${escapeMarkdown(truncate(labels.search, 100))}”`,
  ].filter((part) => part !== null);
  if (parts.length === 0) return null;
  const matched = count === 0 ? 'no resources' : pluralize(count, 'resource');
  return `🔎 Filtered by ${parts.join(' · ')}: ${matched}.`;
}
