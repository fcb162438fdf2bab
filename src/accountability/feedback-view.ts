import { type EmbedBuilder, userMention } from 'discord.js';
import type { FeedbackRequest } from '../db/schema.js';
import { waymarkEmbed } from '../discord/embeds.js';
import { relativeTime } from '../discord/format.js';
import type { FeedbackRequestInput } from './feedback-input.js';
import type { OpenFeedbackRequest } from './feedback-queries.js';

export function feedbackThreadName(topic: string): string {
  return `Feedback: ${topic}`;
}

/** The public post peers see in the channel; the thread opens on it. */
export function renderFeedbackRequestEmbed(requesterId: string, input: FeedbackRequestInput): EmbedBuilder {
  const lines = [`${userMention(requesterId)} would like feedback.`];
  if (input.details) lines.push('', input.details);
  if (input.link) lines.push('', input.link);
  lines.push('', 'Reply in the thread below: every helper is credited when the request is closed.');
  return waymarkEmbed().setTitle(input.topic).setDescription(lines.join('\n'));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The closing note posted in the thread before it is archived. */
export function renderClosingNote(request: FeedbackRequest, helpers: readonly string[]): string {
  const parts = [`✅ This request is resolved — thank you for the feedback!`];
  if (request.thanked_user_id) parts.push(`Special thanks to ${userMention(request.thanked_user_id)}.`);
  if (helpers.length > 0) parts.push(`Credited: ${helpers.map((helper) => userMention(helper)).join(', ')}.`);
  return parts.join(' ');
}

/** One line of `/feedback list`: topic, who asked and when, how much help so far, the thread. */
export function renderOpenRequestLine(request: OpenFeedbackRequest): string {
  const help =
    request.helper_count === 0
      ? '**no replies yet**'
      : `${plural(request.helper_count, 'helper', 'helpers')} · ${plural(request.reply_count, 'reply', 'replies')}`;
  const archived = request.thread_archived === 1 ? ' · archived (a reply reopens it)' : '';
  return `• **${request.topic}** by ${userMention(request.requester_id)} ${relativeTime(request.created_at)} — ${help}${archived} · <#${request.thread_id}>`;
}
