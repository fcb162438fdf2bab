import { describe, expect, it } from 'vitest';
import { parseFeedbackRequest } from '../../src/accountability/feedback-input.js';
import {
  feedbackThreadName,
  renderClosingNote,
  renderOpenRequestLine,
} from '../../src/accountability/feedback-view.js';
import type { FeedbackRequest } from '../../src/db/schema.js';
import { UserError } from '../../src/discord/user-error.js';

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
    expect(feedbackThreadName('x'.repeat(90)).length).toBeLessThanOrEqual(100);
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
