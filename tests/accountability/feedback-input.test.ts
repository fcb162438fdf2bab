import { describe, expect, it } from 'vitest';
import type { FeedbackRequest } from '../../src/db/schema.js';
import { NO_MENTION_NAMES } from '../../src/discord/readable-mentions.js';
import {
  feedbackThreadName,
  renderAlreadyClosed,
  renderClosingNote,
  renderOpenRequestLine,
} from '../../src/discord/views/feedback-view.js';
import { assertThanksEarned, parseFeedbackRequest } from '../../src/feedback/feedback-input.js';
import { UserError } from '../../src/shared/user-error.js';

describe('parseFeedbackRequest', () => {
  it('GIVEN a topic, link and details THEN they are trimmed and kept', () => {
    expect(
      parseFeedbackRequest({
        topic: '  my   Flask API ',
        link: ' https://github.com/a/b ',
        details: ' Is it RESTful? ',
      }),
    ).toEqual({ topic: 'my Flask API', link: 'https://github.com/a/b', details: 'Is it RESTful?' });
  });

  it('GIVEN blank optional options THEN they are absent', () => {
    expect(parseFeedbackRequest({ topic: 'x', link: '  ', details: '' })).toEqual({
      topic: 'x',
      link: null,
      details: null,
    });
  });

  it.each([
    ['a blank topic', { topic: '   ', link: null, details: null }, /what you would like feedback on/],
    ['an over-long topic', { topic: 'x'.repeat(91), link: null, details: null }, /at most 90/],
    ['over-long details', { topic: 'x', link: null, details: 'x'.repeat(1_001) }, /at most 1000/],
    ['a link that is not a URL', { topic: 'x', link: 'my repo', details: null }, /https:\/\//],
    ['a non-http link', { topic: 'x', link: 'javascript:alert(1)', details: null }, /https:\/\//],
    ['a file link', { topic: 'x', link: 'file:///etc/passwd', details: null }, /https:\/\//],
  ])('GIVEN %s THEN the request is refused', (_case, options, message) => {
    expect(() => parseFeedbackRequest(options)).toThrow(UserError);
    expect(() => parseFeedbackRequest(options)).toThrow(message);
  });

  it('GIVEN the longest topic THEN the thread name fits Discord’s 100 characters', () => {
    expect(feedbackThreadName('x'.repeat(90), NO_MENTION_NAMES).length).toBeLessThanOrEqual(100);
  });
});

describe('feedback messages', () => {
  const request = {
    id: 1,
    guild_id: '1',
    requester_id: '200000000000000001',
    topic: 'Parser',
    link: null,
    details: null,
    channel_id: '3',
    message_id: '4',
    thread_id: '500000000000000001',
    status: 'resolved',
    thread_archived: 0,
    created_at: '2026-11-24T10:00:00.000Z',
    resolved_at: null,
    resolved_by: null,
    thanked_user_id: '200000000000000009',
  } satisfies FeedbackRequest;

  it('GIVEN helpers and a thanked member THEN the closing note names them (as mentions that never ping)', () => {
    expect(renderClosingNote(request, ['200000000000000002', '200000000000000009'])).toBe(
      '✅ This request is resolved — thank you for the feedback! Special thanks to <@200000000000000009>. Credited: <@200000000000000002>, <@200000000000000009>.',
    );
  });

  it('GIVEN nobody replied and a moderator closed it THEN the note thanks nobody and says who closed it', () => {
    const note = renderClosingNote(
      { ...request, thanked_user_id: null, resolved_by: '200000000000000007' },
      [],
    );
    expect(note).toBe(
      '☑️ This request is closed without replies, so no feedback is credited. Closed by <@200000000000000007>.',
    );
  });

  it('GIVEN more helpers than one message can name THEN the note counts the rest and fits 2,000 characters', () => {
    const helpers = Array.from(
      { length: 120 },
      (_, index) => `2000000000000${String(index).padStart(5, '0')}`,
    );
    const note = renderClosingNote(request, helpers);
    expect(note.length).toBeLessThanOrEqual(2_000);
    expect(note).toMatch(/and \d+ more\.$/);
  });

  it('GIVEN a request closed by someone else or abandoned THEN the refusal says so', () => {
    const closed = { ...request, resolved_by: '200000000000000007', resolved_at: '2026-11-24T12:00:00.000Z' };
    expect(renderAlreadyClosed(closed)).toBe(
      'This feedback request was already closed by <@200000000000000007> <t:1795521600:R>.',
    );
    expect(renderAlreadyClosed({ ...request, status: 'abandoned' })).toMatch(/deleted or locked/);
  });

  it('GIVEN an unanswered, archived request THEN its list line says so and links the thread', () => {
    const line = renderOpenRequestLine({
      ...request,
      status: 'open',
      thread_archived: 1,
      helper_count: 0,
      reply_count: 0,
    });
    expect(line).toContain('**no replies yet**');
    expect(line).toContain('archived');
    expect(line).toContain('<#500000000000000001>');
  });

  it('GIVEN two helpers THEN the line counts helpers and replies', () => {
    expect(renderOpenRequestLine({ ...request, status: 'open', helper_count: 2, reply_count: 3 })).toContain(
      '2 helpers · 3 replies',
    );
  });
});

describe('assertThanksEarned', () => {
  const context = { closerId: 'mod', requesterId: 'asker', repliers: ['ada', 'grace'] };

  it('GIVEN no thanks or thanks to a replier THEN closing may go on', () => {
    expect(() => assertThanksEarned(null, context)).not.toThrow();
    expect(() => assertThanksEarned({ id: 'grace', bot: false }, context)).not.toThrow();
  });

  it.each([
    ['a bot', { id: 'ada', bot: true }, context, /bots do not collect credit/],
    ['the requester', { id: 'asker', bot: false }, context, /not the member who asked/],
    ['the closer', { id: 'mod', bot: false }, context, /cannot thank yourself/],
    ['a member who never replied', { id: 'linus', bot: false }, context, /<@linus> has not replied/],
    [
      'anyone, when nobody replied',
      { id: 'linus', bot: false },
      { ...context, repliers: [] },
      /Nobody has replied yet/,
    ],
  ])('GIVEN thanks to %s THEN it is refused', (_case, thanked, ctx, message) => {
    expect(() => assertThanksEarned(thanked, ctx)).toThrow(UserError);
    expect(() => assertThanksEarned(thanked, ctx)).toThrow(message);
  });
});
