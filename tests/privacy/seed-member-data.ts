import { registerDiscussionThread } from '../../src/core/discussion-threads.js';
import { saveMemberPreferences } from '../../src/core/settings-queries.js';
import type { Db } from '../../src/db/connection.js';
import { saveViewState } from '../../src/discord/view-state.js';
import { createFeedbackRequest, resolveFeedbackRequest } from '../../src/feedback/feedback-queries.js';
import { recordThreadMessage } from '../../src/feedback/thread-activity.js';
import { createGoal } from '../../src/goals/goals-queries.js';
import { claimNudge } from '../../src/nudges/nudges-queries.js';
import { setItemStatus } from '../../src/roadmaps/progress-queries.js';
import { createLearning, setLearningMessage } from '../../src/sharing/learnings-queries.js';
import { createProject, updateProject } from '../../src/sharing/projects-queries.js';
import { createResource } from '../../src/sharing/resources-queries.js';
import type { SeededRoadmap } from '../support/roadmap.js';

const TIMEZONE = 'UTC';

export interface SeededMember {
  learningId: number;
  requestId: number;
  requestThreadId: string;
  learningThreadId: string;
  resourceId: number;
  projectId: number;
}

/**
 * One member's life in Waymark, written through the features' own data functions: settings, a
 * followed roadmap, progress, a learning (posted, with a discussion thread), a resource, a
 * project with a reflection, a feedback request, a goal, a nudge and a saved page view. Every
 * text carries `word`, so searches and exports can tell members apart.
 */
export async function seedMemberData(
  db: Db,
  member: { guildId: string; userId: string; word: string; channelId: string },
  roadmap: SeededRoadmap,
  at: Date,
): Promise<SeededMember> {
  const { guildId, userId, word } = member;
  const [firstItem, secondItem] = [...roadmap.items.values()];
  if (firstItem === undefined || secondItem === undefined) throw new Error('seed a roadmap with two items');
  const iso = at.toISOString();
  const ids = `${guildId.slice(-2)}${userId.slice(-4)}`;
  await saveMemberPreferences(
    db,
    member,
    { timezone: 'Europe/Berlin', nudges: true, publicProfile: false },
    at,
  );
  await db
    .insertInto('member_roadmaps')
    .values({ guild_id: guildId, user_id: userId, roadmap_id: roadmap.roadmapId, followed_at: iso })
    .execute();
  await setItemStatus(db, {
    guildId,
    userId,
    itemId: firstItem,
    status: 'done',
    note: `${word} note`,
    at,
    defaultTimezone: TIMEZONE,
  });
  await setItemStatus(db, {
    guildId,
    userId,
    itemId: secondItem,
    status: 'learning',
    at,
    defaultTimezone: TIMEZONE,
  });
  const learning = await createLearning(
    db,
    {
      guild_id: guildId,
      user_id: userId,
      text: `Today I learned ${word} closures capture variables`,
      tags: `python ${word}`,
      item_id: firstItem,
      channel_id: member.channelId,
      created_at: iso,
    },
    roadmap.roadmapId,
    TIMEZONE,
  );
  await setLearningMessage(db, learning.id, `71${ids}`);
  const learningThreadId = `72${ids}`;
  await registerDiscussionThread(db, {
    guildId,
    threadId: learningThreadId,
    ownerUserId: userId,
    kind: 'learning',
    subjectId: learning.id,
    registeredAt: at,
  });
  const resource = await createResource(
    db,
    {
      guild_id: guildId,
      user_id: userId,
      url: `https://example.com/${word}`,
      title: `${word} guide`,
      category: 'documentation',
      item_id: firstItem,
      created_at: iso,
    },
    roadmap.roadmapId,
    TIMEZONE,
  );
  const project = await createProject(
    db,
    {
      guild_id: guildId,
      user_id: userId,
      title: `${word} CLI`,
      status: 'active',
      created_at: iso,
      updated_at: iso,
    },
    TIMEZONE,
  );
  if (!project) throw new Error('the seeded project was refused as a duplicate');
  await updateProject(db, project, { status: 'done', reflection: `${word} reflection` }, at, TIMEZONE);
  const request = await createFeedbackRequest(
    db,
    {
      guild_id: guildId,
      requester_id: userId,
      topic: `Review my ${word} parser`,
      channel_id: member.channelId,
      message_id: `73${ids}`,
      thread_id: `74${ids}`,
      created_at: iso,
    },
    TIMEZONE,
  );
  await createGoal(
    db,
    {
      guild_id: guildId,
      user_id: userId,
      text: `Finish ${word} chapter`,
      item_id: secondItem,
      week_start: '2026-11-23',
      week_end_at: '2026-11-30T00:00:00.000Z',
      created_at: iso,
    },
    TIMEZONE,
  );
  await claimNudge(db, member, null, at);
  await saveViewState(db, member, { search: word }, at);
  return {
    learningId: learning.id,
    requestId: request.id,
    requestThreadId: request.thread_id,
    learningThreadId,
    resourceId: resource!.id,
    projectId: project.id,
  };
}

/**
 * `helperId` replies in the requester's feedback thread and discussion thread, and closes the
 * request with thanks: records of the requester's that name the helper.
 */
export async function helpWithRequest(
  db: Db,
  guildId: string,
  helperId: string,
  requester: SeededMember,
  at: Date,
): Promise<void> {
  for (const threadId of [requester.requestThreadId, requester.learningThreadId]) {
    await recordThreadMessage(db, { guildId, threadId, authorId: helperId, at }, TIMEZONE);
  }
  await resolveFeedbackRequest(
    db,
    { requestId: requester.requestId, resolvedBy: helperId, thankedUserId: helperId, at },
    TIMEZONE,
  );
}
