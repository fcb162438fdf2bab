import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { chunked } from '../roadmaps/progress-queries.js';
import {
  type ItemReference,
  MEMBER_DATA_FORMAT,
  MEMBER_DATA_FORMAT_VERSION,
  type MemberDataDocument,
} from './member-data-document.js';

const ITEM_LOOKUP_CHUNK = 500;

/** Labels, phases and roadmaps of the items a member's records point at, read in a few queries. */
async function findItemReferences(db: Db, itemIds: Iterable<number>): Promise<Map<number, ItemReference>> {
  const references = new Map<number, ItemReference>();
  for (const ids of chunked([...new Set(itemIds)], ITEM_LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('roadmap_items')
      .leftJoin('roadmap_phases', 'roadmap_phases.id', 'roadmap_items.phase_id')
      .leftJoin('roadmaps', 'roadmaps.id', 'roadmap_items.roadmap_id')
      .select([
        'roadmap_items.id',
        'roadmap_items.label',
        'roadmap_phases.title as phase',
        'roadmaps.name as roadmap',
      ])
      .where('roadmap_items.id', 'in', ids)
      .execute();
    for (const row of rows) {
      references.set(row.id, { itemId: row.id, label: row.label, phase: row.phase, roadmap: row.roadmap });
    }
  }
  return references;
}

function countOf(row: { count: number | string | bigint } | undefined): number {
  return Number(row?.count ?? 0);
}

/**
 * Everything Waymark stores about `userId` in `guildId`, as the versioned document that
 * `/privacy export` hands to the member. Read in one transaction, so it is a consistent snapshot.
 */
export async function collectMemberData(
  db: Db,
  guildId: string,
  userId: string,
  exportedAt: Date,
): Promise<MemberDataDocument> {
  return inTransaction(db, async (trx) => {
    const settings = await trx
      .selectFrom('member_settings')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const followed = await trx
      .selectFrom('member_roadmaps')
      .innerJoin('roadmaps', 'roadmaps.id', 'member_roadmaps.roadmap_id')
      .select(['roadmaps.id', 'roadmaps.name', 'roadmaps.title', 'member_roadmaps.followed_at'])
      .where('member_roadmaps.guild_id', '=', guildId)
      .where('member_roadmaps.user_id', '=', userId)
      .executeTakeFirst();
    const progress = await trx
      .selectFrom('member_progress')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('item_id')
      .execute();
    const activity = await trx
      .selectFrom('activity_events')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    const learnings = await trx
      .selectFrom('learnings')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    const resources = await trx
      .selectFrom('resources')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    const projects = await trx
      .selectFrom('projects')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    const reflections = await trx
      .selectFrom('project_reflections')
      .innerJoin('projects', 'projects.id', 'project_reflections.project_id')
      .select([
        'project_reflections.project_id',
        'project_reflections.text',
        'project_reflections.created_at',
      ])
      .where('projects.guild_id', '=', guildId)
      .where('projects.user_id', '=', userId)
      .orderBy('project_reflections.id')
      .execute();
    const feedbackRequests = await trx
      .selectFrom('feedback_requests')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('requester_id', '=', userId)
      .orderBy('id')
      .execute();
    const discussionThreads = await trx
      .selectFrom('discussion_threads')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('owner_user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const replies = await trx
      .selectFrom('thread_replies')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('first_reply_at')
      .execute();
    const goals = await trx
      .selectFrom('goals')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    const streak = await trx
      .selectFrom('member_streaks')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const nudge = await trx
      .selectFrom('member_nudges')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const views = await trx
      .selectFrom('view_states')
      .select(['payload', 'created_at'])
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    const mentionedInEvents = await trx
      .selectFrom('activity_events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('guild_id', '=', guildId)
      .where('target_user_id', '=', userId)
      .where('user_id', '!=', userId)
      .executeTakeFirst();
    const othersRequests = trx
      .selectFrom('feedback_requests')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('guild_id', '=', guildId)
      .where('requester_id', '!=', userId);
    const resolutions = await othersRequests.where('resolved_by', '=', userId).executeTakeFirst();
    const thanks = await othersRequests.where('thanked_user_id', '=', userId).executeTakeFirst();

    const items = await findItemReferences(
      trx,
      [...progress, ...activity, ...learnings, ...resources, ...goals].flatMap((row) =>
        row.item_id === null ? [] : [row.item_id],
      ),
    );
    // A deleted roadmap takes its items with it; the id is all that is left to show.
    const itemRef = (itemId: number): ItemReference =>
      items.get(itemId) ?? { itemId, label: '(removed item)', phase: null, roadmap: null };
    const itemOf = (itemId: number | null): ItemReference | null =>
      itemId === null ? null : itemRef(itemId);

    return {
      format: MEMBER_DATA_FORMAT,
      version: MEMBER_DATA_FORMAT_VERSION,
      exportedAt: exportedAt.toISOString(),
      guildId,
      userId,
      settings: settings
        ? {
            timezone: settings.timezone,
            nudges: settings.nudges === 1,
            publicProfile: settings.public_profile === 1,
            updatedAt: settings.updated_at,
          }
        : null,
      followedRoadmap: followed
        ? {
            roadmapId: followed.id,
            name: followed.name,
            title: followed.title,
            followedAt: followed.followed_at,
          }
        : null,
      progress: progress.map((row) => ({
        item: itemRef(row.item_id),
        status: row.status,
        note: row.note,
        link: row.link,
        updatedAt: row.updated_at,
      })),
      activity: activity.map((row) => ({
        id: row.id,
        kind: row.kind,
        occurredAt: row.occurred_at,
        item: itemOf(row.item_id),
        fromStatus: row.from_status,
        toStatus: row.to_status,
        subjectId: row.subject_id,
        targetUserId: row.target_user_id,
        note: row.note,
        link: row.link,
      })),
      learnings: learnings.map((row) => ({
        id: row.id,
        text: row.text,
        link: row.link,
        tags: row.tags === '' ? [] : row.tags.split(' '),
        item: itemOf(row.item_id),
        channelId: row.channel_id,
        messageId: row.message_id,
        threadId: row.thread_id,
        createdAt: row.created_at,
      })),
      resources: resources.map((row) => ({
        id: row.id,
        url: row.url,
        title: row.title,
        category: row.category,
        item: itemOf(row.item_id),
        note: row.note,
        createdAt: row.created_at,
      })),
      projects: projects.map((row) => ({
        id: row.id,
        title: row.title,
        description: row.description,
        tech: row.tech,
        repoUrl: row.repo_url,
        demoUrl: row.demo_url,
        status: row.status,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        reflections: reflections
          .filter((reflection) => reflection.project_id === row.id)
          .map((reflection) => ({ text: reflection.text, createdAt: reflection.created_at })),
      })),
      feedbackRequests: feedbackRequests.map((row) => ({
        id: row.id,
        topic: row.topic,
        link: row.link,
        details: row.details,
        status: row.status,
        channelId: row.channel_id,
        messageId: row.message_id,
        threadId: row.thread_id,
        createdAt: row.created_at,
        resolvedAt: row.resolved_at,
        resolvedBy: row.resolved_by,
        thankedUserId: row.thanked_user_id,
      })),
      discussionThreads: discussionThreads.map((row) => ({
        threadId: row.thread_id,
        kind: row.kind,
        subjectId: row.subject_id,
        createdAt: row.created_at,
      })),
      repliesGiven: replies.map((row) => ({
        threadId: row.thread_id,
        replyCount: row.reply_count,
        firstReplyAt: row.first_reply_at,
        lastReplyAt: row.last_reply_at,
      })),
      goals: goals.map((row) => ({
        id: row.id,
        text: row.text,
        item: itemOf(row.item_id),
        weekStart: row.week_start,
        weekEndAt: row.week_end_at,
        status: row.status,
        createdAt: row.created_at,
        completedAt: row.completed_at,
      })),
      streak: streak
        ? {
            currentWeeks: streak.current_weeks,
            longestWeeks: streak.longest_weeks,
            lastActiveWeek: streak.last_active_week,
            updatedAt: streak.updated_at,
          }
        : null,
      nudges: nudge ? { lastNudgedAt: nudge.last_nudged_at, outcome: nudge.outcome } : null,
      savedViews: views.map((row) => ({
        createdAt: row.created_at,
        state: JSON.parse(row.payload) as unknown,
      })),
      mentionsInOthersRecords: {
        activityEvents: countOf(mentionedInEvents),
        feedbackResolutions: countOf(resolutions),
        feedbackThanks: countOf(thanks),
      },
    };
  });
}
