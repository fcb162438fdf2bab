import { UserError } from '../discord/user-error.js';
import { optionalLink } from '../sharing/limits.js';

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
  const details = options.details?.trim() || null;
  if (details) checkLength('details', details, FEEDBACK_DETAILS_MAX_LENGTH);
  return { topic, details, link: optionalLink(options.link, 'Link') };
}
