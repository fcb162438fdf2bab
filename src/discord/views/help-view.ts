import type { EmbedBuilder } from 'discord.js';
import { type ChecklistLine, renderChecklist } from '../../onboarding/setup-checklist.js';
import type { CommandMention } from '../../shared/slash-command-mention.js';
import { waymarkEmbed } from '../embeds.js';

const WHAT_WAYMARK_DOES =
  'Waymark keeps this community learning together: follow a roadmap, check items off as you go, share what you learned and ask peers for feedback. Once a week a digest shows everyone’s progress.';

function firstSteps(mention: CommandMention): string {
  return [
    `1. Follow a roadmap: ${mention('roadmap follow')} (see them all with ${mention('roadmap list')}).`,
    `2. Check items off as you learn: ${mention('check')}, and see where you stand with ${mention('roadmap view')}.`,
    `3. Share what you learned: ${mention('learned')}.`,
  ].join('\n');
}

function more(mention: CommandMention): string {
  return [
    `${mention('goal set')} this week’s goals`,
    `${mention('feedback request')} ask peers for feedback`,
    `${mention('resources add')} share a good link`,
    `${mention('journey')} your profile`,
    `${mention('settings')} nudges, time zone, privacy`,
  ].join(' · ');
}

/** `/help`: the setup checklist only for those who can act on it (Manage Server). */
export function renderHelpEmbed(
  mention: CommandMention,
  checklist: readonly ChecklistLine[] | null,
): EmbedBuilder {
  const embed = waymarkEmbed()
    .setTitle('Waymark')
    .setDescription(WHAT_WAYMARK_DOES)
    .addFields(
      { name: 'Get started', value: firstSteps(mention) },
      { name: 'And then', value: more(mention) },
    );
  if (checklist) embed.addFields({ name: 'Setup checklist', value: renderChecklist(checklist) });
  return embed;
}

/** Posted once when Waymark joins a server: the same checklist, for whoever set the bot up. */
export function renderWelcomeEmbed(
  mention: CommandMention,
  checklist: readonly ChecklistLine[],
): EmbedBuilder {
  return waymarkEmbed()
    .setTitle('Thanks for adding Waymark')
    .setDescription(`${WHAT_WAYMARK_DOES}\n\nMembers: start with ${mention('help')}.`)
    .addFields({ name: 'Setup checklist for admins', value: renderChecklist(checklist) })
    .setFooter({ text: 'Admins see this checklist again, up to date, in /help.' });
}
