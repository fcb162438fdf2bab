import { type EmbedBuilder, userMention } from 'discord.js';
import type { FeedbackRequest } from '../../db/schema.js';
import type { FeedbackRequestInput } from '../../feedback/feedback-input.js';
import type { OpenFeedbackRequest } from '../../feedback/feedback-queries.js';
import { relativeTime } from '../../shared/discord-time.js';
import { pluralize } from '../../shared/plural.js';
import { waymarkEmbed } from '../embeds.js';
import { type MentionNames, readableText } from '../readable-mentions.js';

const THREAD_NAME_MAX = 100;
const THREAD_PREFIX = 'Feedback: ';
export const EMBED_TITLE_MAX = 256;

/** Discord shows a thread name as typed, so its mentions are spelled out as names. */
export function feedbackThreadName(topic: string, names: MentionNames): string {
  return `${THREAD_PREFIX}${readableText(topic, names, THREAD_NAME_MAX - THREAD_PREFIX.length)}`;
}

/** The public post peers see in the channel; the thread opens on it. */
export function renderFeedbackRequestEmbed(
  requesterId: string,
  input: FeedbackRequestInput,
  names: MentionNames,
): EmbedBuilder {
  const lines = [`${userMention(requesterId)} would like feedback.`];
  if (input.details) lines.push('', input.details);
  if (input.link) lines.push('', input.link);
  lines.push('', 'Reply in the thread below: every helper is credited when the request is closed.');
  return waymarkEmbed()
    .setTitle(readableText(input.topic, names, EMBED_TITLE_MAX))
    .setDescription(lines.join('\n'));
}

/** Discord's limit for a message's content. */
const MESSAGE_CONTENT_MAX = 2_000;

/** `<@a>, <@b>.` within `budget` characters, ending with how many were left out. */
function mentionList(userIds: readonly string[], budget: number): string {
  let shown = userIds.length;
  const render = () => {
    const hidden = userIds.length - shown;
    const names = userIds.slice(0, shown).map((id) => userMention(id));
    return `${names.join(', ')}${hidden > 0 ? ` and ${hidden} more` : ''}.`;
  };
  while (shown > 0 && render().length > budget) shown -= 1;
  return render();
}

/**
 * The closing note posted in the thread before it is archived. It thanks only when someone
 * replied, names who is credited, and who closed it when that was not the requester.
 */
export function renderClosingNote(request: FeedbackRequest, helpers: readonly string[]): string {
  const closedBy =
    request.resolved_by && request.resolved_by !== request.requester_id
      ? ` Closed by ${userMention(request.resolved_by)}.`
      : '';
  if (helpers.length === 0) {
    return `☑️ This request is closed without replies, so no feedback is credited.${closedBy}`;
  }
  const thanks = request.thanked_user_id ? ` Special thanks to ${userMention(request.thanked_user_id)}.` : '';
  const head = `✅ This request is resolved — thank you for the feedback!${thanks}${closedBy} Credited: `;
  return `${head}${mentionList(helpers, MESSAGE_CONTENT_MAX - head.length)}`;
}

/** Why a request can no longer be closed, e.g. to the slower of two members closing at once. */
export function renderAlreadyClosed(request: FeedbackRequest): string {
  if (request.status === 'abandoned') {
    return 'This feedback request is no longer open: its thread was deleted or locked by a moderator.';
  }
  const by = request.resolved_by ? ` by ${userMention(request.resolved_by)}` : '';
  const when = request.resolved_at ? ` ${relativeTime(request.resolved_at)}` : '';
  return `This feedback request was already closed${by}${when}.`;
}

/** One line of `/feedback list`: topic, who asked and when, how much help so far, the thread. */
export function renderOpenRequestLine(request: OpenFeedbackRequest): string {
  const help =
    request.helper_count === 0
      ? '**no replies yet**'
      : `${pluralize(request.helper_count, 'helper')} · ${pluralize(request.reply_count, 'reply', 'replies')}`;
  const archived = request.thread_archived === 1 ? ' · archived (a reply reopens it)' : '';
  return `• **${request.topic}** by ${userMention(request.requester_id)} ${relativeTime(request.created_at)} — ${help}${archived} · <#${request.thread_id}>`;
}
