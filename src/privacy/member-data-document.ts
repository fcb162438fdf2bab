import { gzipSync } from 'node:zlib';
import type {
  ActivityKind,
  FeedbackStatus,
  GoalStatus,
  ItemStatus,
  NudgeOutcome,
  ProjectStatus,
  ResourceCategory,
} from '../db/schema.js';
import { DISCORD_LIMITS } from '../shared/discord-limits.js';

/** Bumped whenever a field changes meaning or disappears; added fields keep the version. */
export const MEMBER_DATA_FORMAT_VERSION = 1;
export const MEMBER_DATA_FORMAT = 'waymark-member-data';

/** A roadmap item as the member knows it: the label, where it sits, not just an id. */
export interface ItemReference {
  itemId: number;
  label: string;
  phase: string | null;
  roadmap: string | null;
}

/**
 * Everything Waymark stores about one member in one guild, as handed to them by
 * `/privacy export`. Instants are ISO-8601 UTC; Discord ids are strings.
 */
export interface MemberDataDocument {
  format: typeof MEMBER_DATA_FORMAT;
  version: typeof MEMBER_DATA_FORMAT_VERSION;
  exportedAt: string;
  guildId: string;
  userId: string;
  settings: { timezone: string | null; nudges: boolean; publicProfile: boolean; updatedAt: string } | null;
  followedRoadmap: { roadmapId: number; name: string; title: string | null; followedAt: string } | null;
  progress: {
    item: ItemReference;
    status: ItemStatus;
    note: string | null;
    link: string | null;
    updatedAt: string;
  }[];
  activity: {
    id: number;
    kind: ActivityKind;
    occurredAt: string;
    item: ItemReference | null;
    fromStatus: string | null;
    toStatus: string | null;
    subjectId: number | null;
    targetUserId: string | null;
    note: string | null;
    link: string | null;
  }[];
  learnings: {
    id: number;
    text: string;
    link: string | null;
    tags: string[];
    item: ItemReference | null;
    channelId: string | null;
    messageId: string | null;
    threadId: string | null;
    createdAt: string;
  }[];
  resources: {
    id: number;
    url: string;
    title: string;
    category: ResourceCategory;
    item: ItemReference | null;
    note: string | null;
    createdAt: string;
  }[];
  projects: {
    id: number;
    title: string;
    description: string | null;
    tech: string | null;
    repoUrl: string | null;
    demoUrl: string | null;
    status: ProjectStatus;
    createdAt: string;
    updatedAt: string;
    reflections: { text: string; createdAt: string }[];
  }[];
  feedbackRequests: {
    id: number;
    topic: string;
    link: string | null;
    details: string | null;
    status: FeedbackStatus;
    channelId: string;
    messageId: string;
    threadId: string;
    createdAt: string;
    resolvedAt: string | null;
    resolvedBy: string | null;
    thankedUserId: string | null;
  }[];
  /** Threads opened on the member's posts (a learning's "Discuss" thread). */
  discussionThreads: { threadId: string; kind: string; subjectId: number | null; createdAt: string }[];
  /** Replies the member wrote in others' feedback and discussion threads (counts only; content is never stored). */
  repliesGiven: { threadId: string; replyCount: number; firstReplyAt: string; lastReplyAt: string }[];
  goals: {
    id: number;
    text: string;
    item: ItemReference | null;
    weekStart: string;
    weekEndAt: string;
    status: GoalStatus;
    createdAt: string;
    completedAt: string | null;
  }[];
  streak: { currentWeeks: number; longestWeeks: number; lastActiveWeek: string; updatedAt: string } | null;
  nudges: { lastNudgedAt: string; outcome: NudgeOutcome } | null;
  /** Filters of paginated views the member opened (short-lived; cleaned up after a while). */
  savedViews: { createdAt: string; state: unknown }[];
  /**
   * How often other members' records name this member (credited as a helper, thanked, closing
   * their request). Counted, not copied: those records belong to the other members.
   */
  mentionsInOthersRecords: { activityEvents: number; feedbackResolutions: number; feedbackThanks: number };
}

/** Categories a member's export is made of, for tests and the README to stay in step. */
export type MemberDataCategory = Exclude<
  keyof MemberDataDocument,
  'format' | 'version' | 'exportedAt' | 'guildId' | 'userId'
>;

/** Discord's upload limit in a server without boosts, the smallest a bot can count on. */

/** Discord ids are digits only, so the name needs no escaping. */
export function memberDataFileName(guildId: string, userId: string): string {
  return `waymark-data-${guildId}-${userId}.json`;
}

/**
 * The export as a file: readable JSON, or gzipped JSON (`.json.gz`) when a long history would
 * not fit in one Discord upload; undefined when even that is too large.
 */
export function packMemberData(
  document: MemberDataDocument,
  maxBytes = DISCORD_LIMITS.attachmentBytes,
): { name: string; bytes: Buffer } | undefined {
  const name = memberDataFileName(document.guildId, document.userId);
  const json = Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
  if (json.length <= maxBytes) return { name, bytes: json };
  const gzipped = gzipSync(json);
  return gzipped.length <= maxBytes ? { name: `${name}.gz`, bytes: gzipped } : undefined;
}

/** A one-line count of what the export holds, for the reply that carries the file. */
export function describeMemberData(document: MemberDataDocument): string {
  const counts: [number, string][] = [
    [document.progress.length, 'item statuses'],
    [document.activity.length, 'activity events'],
    [document.learnings.length, 'learnings'],
    [document.resources.length, 'resources'],
    [document.projects.length, 'projects'],
    [document.feedbackRequests.length, 'feedback requests'],
    [document.goals.length, 'goals'],
  ];
  return counts.map(([count, what]) => `${what}: ${count}`).join(' · ');
}
