import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as the application sees it. Instants are ISO-8601 UTC strings written by
 * the application (`clock.now().toISOString()`), booleans are 0/1 integers, Discord ids
 * are strings.
 */
export interface Database {
  guild_settings: GuildSettingsTable;
  member_settings: MemberSettingsTable;
  activity_events: ActivityEventsTable;
  view_states: ViewStatesTable;
  roadmaps: RoadmapsTable;
  roadmap_phases: RoadmapPhasesTable;
  roadmap_items: RoadmapItemsTable;
  roadmap_sources: RoadmapSourcesTable;
  member_roadmaps: MemberRoadmapsTable;
  roadmap_admin_log: RoadmapAdminLogTable;
  pending_roadmap_imports: PendingRoadmapImportsTable;
  member_progress: MemberProgressTable;
  learnings: LearningsTable;
  resources: ResourcesTable;
  projects: ProjectsTable;
  project_reflections: ProjectReflectionsTable;
  feedback_requests: FeedbackRequestsTable;
  discussion_threads: DiscussionThreadsTable;
  thread_replies: ThreadRepliesTable;
  goals: GoalsTable;
  member_streaks: MemberStreaksTable;
  member_nudges: MemberNudgesTable;
  digest_schedules: DigestSchedulesTable;
  digest_runs: DigestRunsTable;
  job_claims: JobClaimsTable;
  shard_heartbeats: ShardHeartbeatsTable;
  outbox: OutboxTable;
  identify_buckets: IdentifyBucketsTable;
}

export type Flag = 0 | 1;

export interface GuildSettingsTable {
  guild_id: string;
  timezone: string | null;
  nudges_enabled: Generated<Flag>;
  nudge_silence_days: Generated<number>;
  updated_at: string;
}

export interface MemberSettingsTable {
  guild_id: string;
  user_id: string;
  timezone: string | null;
  nudges: Generated<Flag>;
  public_profile: Generated<Flag>;
  updated_at: string;
}

export const ACTIVITY_KINDS = [
  'item_status',
  /** A status taken from an imported file's marks: history, not this week's work. */
  'item_status_imported',
  'learning_shared',
  'resource_added',
  'project_created',
  'project_updated',
  'feedback_requested',
  'feedback_resolved',
  'feedback_given',
  'goal_set',
  'goal_done',
  'goal_missed',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityEventsTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  kind: ActivityKind;
  occurred_at: string;
  roadmap_id: number | null;
  item_id: number | null;
  from_status: string | null;
  to_status: string | null;
  /** The learning, resource, project, feedback request or goal the event is about. */
  subject_id: number | null;
  /** Another member the event concerns, e.g. the requester whose thread was answered. */
  target_user_id: string | null;
  note: string | null;
  link: string | null;
}

export interface ViewStatesTable {
  id: string;
  guild_id: string;
  user_id: string;
  payload: string;
  created_at: string;
}

export interface RoadmapsTable {
  id: Generated<number>;
  guild_id: string;
  name: string;
  title: string | null;
  /** `template:<name>` or the imported file's name. */
  source: string;
  is_default: Generated<Flag>;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Bumped by every re-import, so in-memory copies of the items can tell they are stale. */
  version: Generated<number>;
  /** Set while the roadmap is archived: hidden from lists and follows, its progress kept. */
  archived_at: string | null;
  archived_by: string | null;
}

export const ROADMAP_ADMIN_ACTIONS = ['default', 'rename', 'archive', 'restore', 'delete'] as const;
export type RoadmapAdminAction = (typeof ROADMAP_ADMIN_ACTIONS)[number];

/** Who changed which roadmap how, and when; kept after the roadmap is deleted. */
export interface RoadmapAdminLogTable {
  id: Generated<number>;
  guild_id: string;
  roadmap_id: number;
  action: RoadmapAdminAction;
  /** The names involved, e.g. `old → new` for a rename, the name of a deleted roadmap. */
  detail: string | null;
  user_id: string;
  occurred_at: string;
}

/** A re-import previewed and waiting for Apply: the parsed file, as the preview compared it. */
export interface PendingRoadmapImportsTable {
  /** Random; carried by the preview's buttons. */
  id: string;
  guild_id: string;
  roadmap_id: number;
  /** The roadmap's `version` when previewed: Apply refuses once another import changed it. */
  roadmap_version: number;
  /** The importer, whose file marks become their progress on Apply. */
  user_id: string;
  /** The imported file's name. */
  source: string;
  /** The `ParsedRoadmap` as JSON. */
  parsed: string;
  created_at: string;
}

export interface RoadmapPhasesTable {
  id: Generated<number>;
  roadmap_id: number;
  position: number;
  title: string;
  heading_level: number;
  active: Generated<Flag>;
}

export interface RoadmapItemsTable {
  id: Generated<number>;
  roadmap_id: number;
  phase_id: number;
  parent_item_id: number | null;
  key: string;
  label: string;
  markdown: string;
  section: string | null;
  /** The topics the item sits under within its phase, outermost first, joined with ` › `. */
  topic: string | null;
  /** The item's text after its label, when there is more. */
  description: string | null;
  /** JSON array of the alt texts of the item's image badges (`High`), null when it has none. */
  tags: string | null;
  depth: Generated<number>;
  position: number;
  active: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

/** The markdown a roadmap was last imported from, line endings normalized. */
export interface RoadmapSourcesTable {
  roadmap_id: number;
  markdown: string;
  /** JSON: per item in document order, its key, the status the file gives it and ItemMarks. */
  marks: string;
}

export interface MemberRoadmapsTable {
  guild_id: string;
  user_id: string;
  roadmap_id: number;
  followed_at: string;
}

export const ITEM_STATUSES = ['todo', 'learning', 'done', 'skipped'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface MemberProgressTable {
  guild_id: string;
  user_id: string;
  item_id: number;
  status: ItemStatus;
  note: string | null;
  link: string | null;
  updated_at: string;
}

export type ActivityEvent = Selectable<ActivityEventsTable>;
export type NewActivityEvent = Insertable<ActivityEventsTable>;
export type GuildSettings = Selectable<GuildSettingsTable>;
export type GuildSettingsUpdate = Updateable<GuildSettingsTable>;
export type MemberSettings = Selectable<MemberSettingsTable>;
export type Roadmap = Selectable<RoadmapsTable>;
export type RoadmapPhase = Selectable<RoadmapPhasesTable>;
export type RoadmapItem = Selectable<RoadmapItemsTable>;
export type MemberProgress = Selectable<MemberProgressTable>;

// --- Sharing: learnings, resources, projects ---

export interface LearningsTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  text: string;
  link: string | null;
  /** Lowercased tags separated by single spaces; `''` when there are none. */
  tags: Generated<string>;
  item_id: number | null;
  /** Where the learning was posted; set once the public message exists. */
  channel_id: string | null;
  message_id: string | null;
  /** The discussion thread opened from the post, so replies there can be counted. */
  thread_id: string | null;
  created_at: string;
}

export const RESOURCE_CATEGORIES = [
  'course',
  'book',
  'paper',
  'documentation',
  'community',
  'practice',
  'video',
  'other',
] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export interface ResourcesTable {
  id: Generated<number>;
  guild_id: string;
  /** Null once the member who added it has erased their data. */
  user_id: string | null;
  /** Normalized (see src/sharing/normalize-url.ts), as shown. */
  url: string;
  /** The link's identity (`normalizeUrl(url).key`); unique per guild, duplicates aside. */
  url_key: string;
  title: string;
  category: ResourceCategory;
  item_id: number | null;
  note: string | null;
  created_at: string;
  /** Set only on rows that repeated an older one before links were unique by key: that row's id. */
  duplicate_of: Generated<number | null>;
}

export const PROJECT_STATUSES = ['planned', 'active', 'paused', 'done'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface ProjectsTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  title: string;
  /** `projectTitleKey(title)`; unique per member, duplicates aside. */
  title_key: string;
  description: string | null;
  tech: string | null;
  repo_url: string | null;
  demo_url: string | null;
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
  /** Set only on projects that repeated an older title before titles were unique: that one's id. */
  duplicate_of: Generated<number | null>;
}

export interface ProjectReflectionsTable {
  id: Generated<number>;
  project_id: number;
  text: string;
  created_at: string;
}

export type Learning = Selectable<LearningsTable>;
export type NewLearning = Insertable<LearningsTable>;
export type Resource = Selectable<ResourcesTable>;
export type NewResource = Insertable<ResourcesTable>;
export type Project = Selectable<ProjectsTable>;
export type NewProject = Insertable<ProjectsTable>;
export type ProjectUpdate = Updateable<ProjectsTable>;
export type ProjectReflection = Selectable<ProjectReflectionsTable>;

// Accountability: feedback threads, discussion threads, weekly goals, streaks and nudges.

export const FEEDBACK_STATUSES = ['open', 'resolved', 'abandoned'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface FeedbackRequestsTable {
  id: Generated<number>;
  guild_id: string;
  requester_id: string;
  topic: string;
  link: string | null;
  details: string | null;
  channel_id: string;
  message_id: string;
  thread_id: string;
  status: Generated<FeedbackStatus>;
  /** Archived without `/feedback close` (by hand or by Discord's auto-archive); still open. */
  thread_archived: Generated<Flag>;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  thanked_user_id: string | null;
}

/** A thread opened by another feature (a learning's "Discuss" thread) whose replies count as feedback. */
export interface DiscussionThreadsTable {
  thread_id: string;
  guild_id: string;
  owner_user_id: string;
  kind: string;
  /** The learning (or other record) the thread discusses. */
  subject_id: number | null;
  created_at: string;
}

export interface ThreadRepliesTable {
  thread_id: string;
  user_id: string;
  guild_id: string;
  reply_count: number;
  first_reply_at: string;
  last_reply_at: string;
}

export const GOAL_STATUSES = ['open', 'done', 'missed'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface GoalsTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  text: string;
  item_id: number | null;
  /** The week's Monday as an ISO date (`2026-11-23`) in the guild's time zone. */
  week_start: string;
  /** The instant the week ends (the next Monday 00:00 in the guild's time zone), UTC. */
  week_end_at: string;
  status: Generated<GoalStatus>;
  created_at: string;
  completed_at: string | null;
}

export interface MemberStreaksTable {
  guild_id: string;
  user_id: string;
  /** Consecutive active weeks ending with `last_active_week`. */
  current_weeks: number;
  longest_weeks: number;
  /** The Monday (ISO date, guild time zone) of the member's latest active week. */
  last_active_week: string;
  updated_at: string;
}

export const NUDGE_OUTCOMES = ['sent', 'dms_closed', 'left_server'] as const;
export type NudgeOutcome = (typeof NUDGE_OUTCOMES)[number];

export interface MemberNudgesTable {
  guild_id: string;
  user_id: string;
  last_nudged_at: string;
  outcome: NudgeOutcome;
}

export type FeedbackRequest = Selectable<FeedbackRequestsTable>;
export type NewFeedbackRequest = Insertable<FeedbackRequestsTable>;
export type DiscussionThread = Selectable<DiscussionThreadsTable>;
export type NewDiscussionThread = Insertable<DiscussionThreadsTable>;
export type ThreadReply = Selectable<ThreadRepliesTable>;
export type Goal = Selectable<GoalsTable>;
export type NewGoal = Insertable<GoalsTable>;
export type MemberStreak = Selectable<MemberStreaksTable>;
export type MemberNudge = Selectable<MemberNudgesTable>;

// --- Weekly digest -------------------------------------------------------------------------

export interface DigestSchedulesTable {
  guild_id: string;
  channel_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number;
  /** Local hour, 0–23, in `timezone`. */
  hour: number;
  timezone: string;
  paused: Generated<Flag>;
  updated_by: string;
  updated_at: string;
}

export const DIGEST_RUN_STATUSES = ['claimed', 'posted', 'failed', 'skipped'] as const;
export type DigestRunStatus = (typeof DIGEST_RUN_STATUSES)[number];
export type DigestTrigger = 'schedule' | 'manual';

export interface DigestRunsTable {
  id: Generated<number>;
  guild_id: string;
  /** The digest week, unique per guild: e.g. `2026-W49` (see src/digest/digest-slots.ts). */
  slot_key: string;
  /** The scheduled instant of that week's slot. */
  slot_at: string;
  trigger: DigestTrigger;
  status: DigestRunStatus;
  channel_id: string;
  period_start: string;
  period_end: string;
  claimed_at: string;
  /** Who holds the claim: host, process id and a random part, new for every claim. */
  claimed_by: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string | null;
  posted_at: string | null;
  updated_at: string;
}

export type DigestSchedule = Selectable<DigestSchedulesTable>;
export type NewDigestSchedule = Insertable<DigestSchedulesTable>;
export type DigestRun = Selectable<DigestRunsTable>;
export type NewDigestRun = Insertable<DigestRunsTable>;

/** One row per fleet-wide job and firing: whoever inserts it runs the job (see src/scheduler.ts). */
export interface JobClaimsTable {
  job: string;
  /** The scheduled instant, ISO to the minute. */
  firing: string;
  /** `host/pid` of the process that ran it. */
  claimed_by: string;
  claimed_at: string;
}
export type JobClaim = Selectable<JobClaimsTable>;

/** When the fleet last sent an IDENTIFY in each `shard_id % max_concurrency` bucket. */
export interface IdentifyBucketsTable {
  bucket: number;
  /** ISO, to the millisecond: compared for equality by the compare-and-set. */
  identified_at: string;
  /** `host/pid`. */
  identified_by: string;
}

/** Each shard's latest heartbeat, written by the process that runs it. */
export interface ShardHeartbeatsTable {
  shard_id: number;
  shard_count: number;
  /** `host/pid`. */
  process_id: string;
  /** Gateway round trip; -1 before the first one was measured. */
  ping_ms: number;
  servers: number;
  process_started_at: string;
  beat_at: string;
}
export type ShardHeartbeat = Selectable<ShardHeartbeatsTable>;
export const OUTBOX_KINDS = [
  'learning',
  'feedback_request',
  'phase_completed',
  'closing_note',
  'nudge',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
/** `pending` until delivered; `failed` once its attempts are used up (see src/core/outbox.ts). */
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  guild_id: string;
  kind: OutboxKind;
  channel_id: string | null;
  recipient_id: string | null;
  owner_id: string;
  subject_id: number | null;
  /** JSON: `{ message, data }`, see `OutboxPayload`. */
  payload: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  claimed_by: string | null;
  next_attempt_at: string;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  updated_at: string;
}

export type OutboxRow = Selectable<OutboxTable>;
