import type { EmbedBuilder } from 'discord.js';
import type { Project, ProjectReflection, ProjectStatus } from '../../db/schema.js';
import { DISCORD_LIMITS } from '../../shared/discord-limits.js';
import { discordTime } from '../../shared/discord-time.js';
import { escapeMarkdown } from '../../shared/escape-markdown.js';
import { markdownLink } from '../../shared/markdown-link.js';
import { pluralize } from '../../shared/plural.js';
import { truncate } from '../../shared/text.js';
import { waymarkEmbed } from '../embeds.js';
import { type MentionNames, readableText } from '../readable-mentions.js';

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: '🗓️ Planned',
  active: '🚧 Active',
  paused: '⏸️ Paused',
  done: '✅ Done',
};

/** Room in the embed description for reflections after the project's own description. */
const DESCRIPTION_LIMIT = 4_000;

function reflectionsSection(reflections: readonly ProjectReflection[], room: number): string {
  if (reflections.length === 0) return '';
  const heading = '**Reflections**';
  const lines: string[] = [];
  let used = heading.length;
  for (const reflection of reflections) {
    const line = `${discordTime(reflection.created_at, 'D')} — ${reflection.text}`;
    // Keep a little room for the "earlier reflections" line.
    if (used + line.length + 1 > room - 60) break;
    lines.push(line);
    used += line.length + 1;
  }
  const hidden = reflections.length - lines.length;
  if (hidden > 0) lines.push(`*…and ${pluralize(hidden, 'earlier reflection')}.*`);
  return [heading, ...lines].join('\n');
}

/**
 * A project with its details and its reflections, newest first, within Discord's limits; the
 * title (where Discord shows mentions as typed) with mentions as names.
 */
export function projectEmbed(
  project: Project,
  reflections: readonly ProjectReflection[],
  names: MentionNames,
): EmbedBuilder {
  const description = project.description ?? '';
  const reflectionText = reflectionsSection(reflections, DESCRIPTION_LIMIT - description.length - 2);
  const body = [description, reflectionText].filter((part) => part !== '').join('\n\n');
  const embed = waymarkEmbed()
    .setTitle(readableText(project.title, names, DISCORD_LIMITS.embedTitle))
    .addFields(
      { name: 'Owner', value: `<@${project.user_id}>`, inline: true },
      { name: 'Status', value: PROJECT_STATUS_LABELS[project.status], inline: true },
      { name: 'Updated', value: discordTime(project.updated_at, 'D'), inline: true },
    );
  if (body !== '') embed.setDescription(truncate(body, DESCRIPTION_LIMIT));
  if (project.tech) embed.addFields({ name: 'Tech', value: project.tech });
  if (project.repo_url) embed.addFields({ name: 'Repository', value: project.repo_url, inline: true });
  if (project.demo_url) embed.addFields({ name: 'Demo', value: project.demo_url, inline: true });
  return embed;
}

/** One line per project in a member's list. */
export function projectLine(project: Project): string {
  const title = project.repo_url
    ? markdownLink(truncate(project.title, 120), project.repo_url)
    : `**${truncate(project.title, 120)}**`;
  const tech = project.tech ? ` · ${truncate(project.tech, 80)}` : '';
  return `${PROJECT_STATUS_LABELS[project.status]} — ${title}${tech}`;
}

/** The refusal of a second project with the same title, pointing at the first. */
export function duplicateProjectMessage(existing: Project): string {
  return (
    `You already have a project called **${escapeMarkdown(truncate(existing.title, 120))}** ` +
    `(${PROJECT_STATUS_LABELS[existing.status]}, added ${discordTime(existing.created_at, 'D')}). ` +
    'Add to it with `/project update`, or pick another title.'
  );
}

/**
 * How a project appears in autocomplete (Discord allows 100 characters). Another member's
 * project names its owner (`null`: one who left), so two projects of the same title tell apart.
 */
export function projectChoiceName(project: Project, owner?: string | null): string {
  const ownerPart =
    owner === undefined ? '' : ` — ${owner === null ? 'a former member' : `@${truncate(owner, 32)}`}`;
  const suffix = `${ownerPart} · ${project.status}`;
  return `${truncate(project.title, DISCORD_LIMITS.choiceName - suffix.length)}${suffix}`;
}
