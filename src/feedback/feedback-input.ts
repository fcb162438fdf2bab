import { userMention } from '@discordjs/formatters';
import { assertReadableText, optionalLink } from '../shared/input.js';
import { UserError } from '../shared/user-error.js';

/** Thread names are limited to 100 characters, and the topic becomes one. */
export const FEEDBACK_TOPIC_MAX_LENGTH = 90;
export const FEEDBACK_DETAILS_MAX_LENGTH = 1_000;

export interface FeedbackRequestInput {
  topic: string;
  link: string | null;
  details: string | null;
}

function checkLength(label: string, text: string, max: number): void {
  if (text.length > max) {
    throw new UserError(`The ${label} can be at most ${max} characters (yours has ${text.length}).`);
  }
}

/** Validates `/feedback request` options; refuses anything a peer could not act on. */
export function parseFeedbackRequest(options: {
  topic: string;
  link: string | null;
  details: string | null;
}): FeedbackRequestInput {
  const topic = options.topic.trim().replace(/\s+/g, ' ');
  if (topic === '') throw new UserError('Say what you would like feedback on, e.g. “my first Flask API”.');
  checkLength('topic', topic, FEEDBACK_TOPIC_MAX_LENGTH);
  assertReadableText(topic, 'The topic');
  const details = options.details?.trim() || null;
  if (details) {
    checkLength('details', details, FEEDBACK_DETAILS_MAX_LENGTH);
    assertReadableText(details, 'The details text');
  }
  return { topic, details, link: optionalLink(options.link, 'Link') };
}

export interface ThanksContext {
  closerId: string;
  requesterId: string;
  /** Members who replied in the request's thread: the only ones who earned credit. */
  repliers: readonly string[];
}

/**
 * Thanks single out one of the members who replied in the thread. Anyone else would collect
 * credit for feedback they never gave, so they are refused before anything changes.
 */
export function assertThanksEarned(
  thanked: { id: string; bot: boolean } | null,
  context: ThanksContext,
): void {
  if (!thanked) return;
  if (thanked.bot) throw new UserError('Thank a member who helped you; bots do not collect credit.');
  if (thanked.id === context.requesterId) {
    throw new UserError('Thank someone who helped with this request, not the member who asked.');
  }
  if (thanked.id === context.closerId) {
    throw new UserError('You cannot thank yourself: thanks go to a member who replied in this thread.');
  }
  if (!context.repliers.includes(thanked.id)) {
    const nobody =
      context.repliers.length === 0 ? ' Nobody has replied yet, so close it without `thanks:`.' : '';
    throw new UserError(
      `${userMention(thanked.id)} has not replied in this thread, so there is no feedback to credit. Thank one of the members who replied.${nobody}`,
    );
  }
}
