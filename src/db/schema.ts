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
  member_roadmaps: MemberRoadmapsTable;
  member_progress: MemberProgressTable;
  learnings: LearningsTable;
  resources: ResourcesTable;
  projects: ProjectsTable;
  project_reflections: ProjectReflectionsTable;
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
  depth: Generated<number>;
  position: number;
  active: Generated<Flag>;
  created_at: string;
  updated_at: string;
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
  /** Normalized (see src/sharing/normalize-url.ts); unique per guild. */
  url: string;
  title: string;
  category: ResourceCategory;
  item_id: number | null;
  note: string | null;
  created_at: string;
}

export const PROJECT_STATUSES = ['planned', 'active', 'paused', 'done'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface ProjectsTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  title: string;
  description: string | null;
  tech: string | null;
  repo_url: string | null;
  demo_url: string | null;
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
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
