import { describe, expect, it } from 'vitest';
import { registerDiscussionThread } from '../../src/core/discussion-threads.js';
import type { ActivityKind } from '../../src/db/schema.js';
import {
  abandonFeedbackRequestByThread,
  abandonFeedbackRequestsInChannel,
  countMemberFeedback,
  createFeedbackRequest,
  findFeedbackRequestByThread,
  findOpenFeedbackRequests,
  markFeedbackThreadArchived,
  resolveFeedbackRequest,
} from '../../src/feedback/feedback-queries.js';
import { recordThreadMessage } from '../../src/feedback/thread-activity.js';
import { useTestDatabase } from '../support/database.js';
import { eventsOfKind } from './activity-log.js';

const GUILD = '100000000000000001';
const REQUESTER = '200000000000000001';
const PEER_A = '200000000000000002';
const PEER_B = '200000000000000003';

describe('feedback requests and thread replies', () => {
  const handle = useTestDatabase();

  const openRequest = (threadId: string, createdAt: string, topic = 'Review my parser') =>
    createFeedbackRequest(
      handle.db,
      {
        guild_id: GUILD,
        requester_id: REQUESTER,
        topic,
        link: 'https://github.com/example/parser',
        details: null,
        channel_id: '300000000000000001',
        message_id: `4${threadId}`,
        thread_id: threadId,
        created_at: createdAt,
      },
      'UTC',
    );

  const post = (threadId: string, authorId: string, at = '2026-11-24T12:00:00Z') =>
    recordThreadMessage(handle.db, { guildId: GUILD, threadId, authorId, at: new Date(at) }, 'UTC');

  const events = (kind: ActivityKind) => eventsOfKind(handle.db, kind);

  it('GIVEN a new request THEN it is open and feedback_requested is logged', async () => {
    const request = await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    expect(request).toMatchObject({ status: 'open', thread_archived: 0 });
    expect(await events('feedback_requested')).toMatchObject([
      { user_id: REQUESTER, subject_id: request.id },
    ]);
  });

  it('GIVEN replies by two peers and the requester THEN each peer is counted and the requester is not', async () => {
    await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    expect(await post('500000000000000001', PEER_A)).toBe('counted');
    expect(await post('500000000000000001', PEER_A)).toBe('counted');
    expect(await post('500000000000000001', PEER_B)).toBe('counted');
    expect(await post('500000000000000001', REQUESTER)).toBe('owner');
    const [listed] = await findOpenFeedbackRequests(handle.db, GUILD);
    expect(listed).toMatchObject({ helper_count: 2, reply_count: 3 });
  });

  it('GIVEN a message in a thread Waymark does not know THEN nothing is stored', async () => {
    expect(await post('599999999999999999', PEER_A)).toBe('unknown-thread');
    expect(await handle.db.selectFrom('thread_replies').selectAll().execute()).toEqual([]);
  });

  it('GIVEN answered and unanswered requests THEN unanswered come first, each group oldest first', async () => {
    await openRequest('500000000000000001', '2026-11-20T10:00:00Z', 'oldest, answered');
    await openRequest('500000000000000002', '2026-11-22T10:00:00Z', 'newer, unanswered');
    await openRequest('500000000000000003', '2026-11-21T10:00:00Z', 'older, unanswered');
    await post('500000000000000001', PEER_A);
    const topics = (await findOpenFeedbackRequests(handle.db, GUILD)).map((request) => request.topic);
    expect(topics).toEqual(['older, unanswered', 'newer, unanswered', 'oldest, answered']);
  });

  it('GIVEN a resolved request THEN each replier is credited once and streaks advance, and thanks add no credit', async () => {
    const request = await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    await post('500000000000000001', PEER_A);
    await post('500000000000000001', PEER_B);
    await post('500000000000000001', PEER_A);
    const result = await resolveFeedbackRequest(
      handle.db,
      {
        requestId: request.id,
        resolvedBy: REQUESTER,
        thankedUserId: PEER_B,
        at: new Date('2026-11-25T10:00:00Z'),
      },
      'UTC',
    );
    expect(result?.helpers).toEqual([PEER_A, PEER_B]);
    expect(result?.request).toMatchObject({ status: 'resolved', thanked_user_id: PEER_B });
    expect((await events('feedback_given')).map((event) => [event.user_id, event.target_user_id])).toEqual([
      [PEER_A, REQUESTER],
      [PEER_B, REQUESTER],
    ]);
    expect(await events('feedback_resolved')).toMatchObject([{ user_id: REQUESTER, target_user_id: PEER_B }]);
    const streaks = await handle.db
      .selectFrom('member_streaks')
      .select('user_id')
      .orderBy('user_id')
      .execute();
    expect(streaks.map((row) => row.user_id)).toEqual([PEER_A, PEER_B]);
    expect(await countMemberFeedback(handle.db, GUILD, REQUESTER)).toEqual({
      given: 0,
      received: 2,
      openRequests: 0,
    });
    expect(await countMemberFeedback(handle.db, GUILD, PEER_A)).toEqual({
      given: 1,
      received: 0,
      openRequests: 0,
    });
  });

  it('GIVEN a request nobody answered THEN resolving it credits nobody', async () => {
    const request = await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    const resolution = { requestId: request.id, resolvedBy: REQUESTER, thankedUserId: null, at: new Date() };
    expect((await resolveFeedbackRequest(handle.db, resolution, 'UTC'))?.helpers).toEqual([]);
    expect(await events('feedback_given')).toEqual([]);
  });

  it('GIVEN a request resolved twice THEN the second attempt changes nothing', async () => {
    const request = await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    const resolution = { requestId: request.id, resolvedBy: REQUESTER, thankedUserId: null, at: new Date() };
    expect(await resolveFeedbackRequest(handle.db, resolution, 'UTC')).toBeDefined();
    expect(await resolveFeedbackRequest(handle.db, resolution, 'UTC')).toBeUndefined();
    expect(await events('feedback_resolved')).toHaveLength(1);
  });

  it('GIVEN a deleted thread THEN its request is abandoned and no longer listed or counted', async () => {
    await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    expect(await abandonFeedbackRequestByThread(handle.db, '500000000000000001')).toBe(true);
    expect(await findFeedbackRequestByThread(handle.db, '500000000000000001')).toMatchObject({
      status: 'abandoned',
    });
    expect(await findOpenFeedbackRequests(handle.db, GUILD)).toEqual([]);
    expect(await post('500000000000000001', PEER_A)).toBe('unknown-thread');
  });

  it('GIVEN a deleted channel THEN the requests opened in it are abandoned', async () => {
    await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    await openRequest('500000000000000002', '2026-11-24T11:00:00Z');
    expect(await abandonFeedbackRequestsInChannel(handle.db, '300000000000000001')).toBe(2);
  });

  it('GIVEN a thread archived by hand THEN the request stays listed as archived until someone posts again', async () => {
    await openRequest('500000000000000001', '2026-11-24T10:00:00Z');
    await markFeedbackThreadArchived(handle.db, '500000000000000001', true);
    expect(await findOpenFeedbackRequests(handle.db, GUILD)).toMatchObject([{ thread_archived: 1 }]);
    await post('500000000000000001', PEER_A);
    expect(await findOpenFeedbackRequests(handle.db, GUILD)).toMatchObject([{ thread_archived: 0 }]);
  });

  it('GIVEN a registered discussion thread THEN each peer’s first reply is one feedback_given to its owner', async () => {
    const discussion = {
      guildId: GUILD,
      threadId: '600000000000000001',
      ownerUserId: REQUESTER,
      kind: 'learning',
      subjectId: 42,
      registeredAt: new Date('2026-11-24T09:00:00Z'),
    };
    await registerDiscussionThread(handle.db, discussion);
    await registerDiscussionThread(handle.db, discussion);
    await post('600000000000000001', PEER_A);
    await post('600000000000000001', PEER_A);
    await post('600000000000000001', REQUESTER);
    await post('600000000000000001', PEER_B);
    expect(
      (await events('feedback_given')).map((event) => [
        event.user_id,
        event.target_user_id,
        event.subject_id,
      ]),
    ).toEqual([
      [PEER_A, REQUESTER, 42],
      [PEER_B, REQUESTER, 42],
    ]);
  });
});
