import { pluralize } from '../shared/plural.js';
import type { AnonymisedRecord, ErasedTable, ErasureResult } from './erase-member-data.js';

const ERASED_LABELS: Record<ErasedTable, string> = {
  member_progress: 'item statuses',
  activity_events: 'activity events',
  learnings: 'learnings',
  project_reflections: 'project reflections',
  projects: 'projects',
  goals: 'goals',
  feedback_requests: 'feedback requests',
  discussion_threads: 'discussion threads on your posts',
  thread_replies: 'thread reply counts',
  member_settings: 'settings',
  member_roadmaps: 'followed roadmap',
  member_streaks: 'streak',
  member_nudges: 'nudge record',
  view_states: 'saved page views',
  outbox: 'posts kept for delivery',
};

const ANONYMISED_LABELS: Record<AnonymisedRecord, string> = {
  resources: 'resources added, left in the library',
  activity_events_target: 'other members’ activity naming the member',
  feedback_requests_resolved_by: 'others’ feedback requests the member closed',
  feedback_requests_thanked: 'others’ feedback requests thanking the member',
};

export interface PostRemoval {
  removed: number;
  failed: number;
}

function countLines<K extends string>(counts: Record<K, number>, labels: Record<K, string>): string[] {
  return (Object.keys(labels) as K[])
    .filter((key) => counts[key] > 0)
    .map((key) => `• ${labels[key]}: ${counts[key]}`);
}

/** The ephemeral report after an erase: what went, what stays anonymised, which posts were removed. */
export function describeErasure(subject: string, result: ErasureResult, posts: PostRemoval): string {
  const deleted = countLines(result.deleted, ERASED_LABELS);
  const anonymised = countLines(result.anonymised, ANONYMISED_LABELS);
  if (deleted.length === 0 && anonymised.length === 0 && result.publicPosts.length === 0) {
    return `There was nothing to erase: Waymark stored none of ${subject} data in this server.`;
  }
  const parts = [`Erased ${subject} data from Waymark in this server.`];
  if (deleted.length > 0) parts.push(`**Deleted**\n${deleted.join('\n')}`);
  if (anonymised.length > 0) parts.push(`**Kept without a name**\n${anonymised.join('\n')}`);
  if (result.publicPosts.length > 0) {
    const failed =
      posts.failed > 0
        ? ` ${posts.failed} could not be removed (no access to the channel any more); a moderator can delete them.`
        : '';
    parts.push(`Removed ${posts.removed} of ${result.publicPosts.length} public posts.${failed}`);
  }
  return parts.join('\n\n');
}

/** What the confirmation says before anything is erased. */
export function describeErasurePrompt(
  subject: string,
  detail: string | null,
  expiresInMinutes: number,
): string {
  return [
    `This erases ${subject} Waymark data in this server: progress, activity, learnings, projects, goals, feedback records, streak and settings. The learning and feedback posts the bot made are deleted. Resources stay in the library, without a name.`,
    ...(detail ? [detail] : []),
    `This cannot be undone. Want a copy first? Use \`/privacy export\`. The buttons expire in ${pluralize(expiresInMinutes, 'minute')}.`,
  ].join('\n\n');
}
