import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requesterOrThreadManager } from '../../../commands/preconditions/requester-or-thread-manager.js';
import type { AppContext } from '../../../src/context.js';
import type { DatabaseHandle } from '../../../src/db/connection.js';
import {
  abandonFeedbackRequestByThread,
  createFeedbackRequest,
  resolveFeedbackRequest,
} from '../../../src/feedback/feedback-queries.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { UserError } from '../../../src/shared/user-error.js';
import { createTestContext } from '../../accountability/test-context.js';
import { createTestDatabase } from '../../support/database.js';
import { interactionStub } from '../../support/interaction-stub.js';

const GUILD = '100000000000000001';
const REQUESTER = '200000000000000001';
const PEER = '200000000000000002';
const MODERATOR = '200000000000000003';
const THREAD = '500000000000000001';
const ELSEWHERE = '300000000000000001';

describe('requesterOrThreadManager (/feedback close)', () => {
  let handle: DatabaseHandle;
  let ctx: AppContext;
  let requestId: number;
  beforeEach(async () => {
    handle = await createTestDatabase();
    ctx = createTestContext(handle, fixedClock('2026-11-25T10:00:00Z'));
    const request = await createFeedbackRequest(
      handle.db,
      {
        guild_id: GUILD,
        requester_id: REQUESTER,
        topic: 'Review my parser',
        link: null,
        details: null,
        channel_id: ELSEWHERE,
        message_id: THREAD,
        thread_id: THREAD,
        created_at: '2026-11-25T09:00:00Z',
      },
      'UTC',
    );
    requestId = request.id;
  });
  afterEach(async () => {
    await ctx.client.destroy();
    await handle.close();
  });

  /** Only what the precondition reads of an interaction. */
  const check = (userId: string, channelId: string, permissions: bigint[] = []) =>
    requesterOrThreadManager.check(interactionStub({ userId, channelId, permissions }), ctx, {});

  it('GIVEN the member who asked, in the request’s thread THEN they may close it', async () => {
    await expect(check(REQUESTER, THREAD)).resolves.toBeUndefined();
  });

  it('GIVEN a moderator with Manage Threads THEN they may close someone else’s request', async () => {
    await expect(check(MODERATOR, THREAD, [PermissionFlagsBits.ManageThreads])).resolves.toBeUndefined();
  });

  it('GIVEN a peer who did not ask THEN it is refused', async () => {
    const refusal = check(PEER, THREAD, [PermissionFlagsBits.ManageMessages]);
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(
      'Only the member who asked for feedback, or a moderator with Manage Threads, can close it.',
    );
  });

  it('GIVEN a channel that is not a feedback request’s thread THEN it is refused, even for the requester', async () => {
    await expect(check(REQUESTER, ELSEWHERE)).rejects.toThrow(
      'Run /feedback close inside the thread of the feedback request you want to close.',
    );
  });

  it('GIVEN a request already closed THEN anyone, even a peer, is told who closed it', async () => {
    await resolveFeedbackRequest(
      handle.db,
      { requestId, resolvedBy: REQUESTER, thankedUserId: null, at: new Date('2026-11-25T09:30:00Z') },
      'UTC',
    );
    await expect(check(PEER, THREAD)).rejects.toThrow(`already closed by <@${REQUESTER}>`);
  });

  it('GIVEN a request whose thread was deleted THEN it is refused as no longer open', async () => {
    await abandonFeedbackRequestByThread(handle.db, THREAD);
    await expect(check(REQUESTER, THREAD)).rejects.toThrow('This feedback request is no longer open');
  });
});
