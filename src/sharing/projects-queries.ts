import { sql } from 'kysely';
import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import { containsPattern } from '../db/like-pattern.js';
import type { NewProject, Project, ProjectReflection, ProjectStatus } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { projectTitleKey } from './project-title.js';

/**
 * Stores a project and its `project_created` event together; `undefined` when the member
 * already has a project of that title, so a race between two adds ends in the same refusal.
 */
export async function createProject(
  db: Db,
  project: Omit<NewProject, 'title_key'>,
  defaultTimezone: string,
): Promise<Project | undefined> {
  return inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('projects')
      .values({ ...project, title_key: projectTitleKey(project.title) })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) return undefined;
    await recordActivity(
      trx,
      {
        guild_id: created.guild_id,
        user_id: created.user_id,
        kind: 'project_created',
        occurred_at: created.created_at,
        subject_id: created.id,
        to_status: created.status,
        note: created.title,
        link: created.repo_url ?? created.demo_url,
      },
      defaultTimezone,
    );
    return created;
  });
}

export interface ProjectChanges {
  status?: ProjectStatus | undefined;
  description?: string | undefined;
  tech?: string | undefined;
  repo_url?: string | undefined;
  demo_url?: string | undefined;
  /** Appended as a dated reflection; earlier ones are never touched. */
  reflection?: string | undefined;
}

/**
 * Applies `changes` to a project, appends the reflection if any and records one
 * `project_updated` event (with the status change, when there is one), all together.
 */
export async function updateProject(
  db: Db,
  project: Project,
  changes: ProjectChanges,
  now: Date,
  defaultTimezone: string,
): Promise<Project> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const { reflection, ...fields } = changes;
    const updated = await trx
      .updateTable('projects')
      .set({ ...fields, updated_at: at })
      .where('id', '=', project.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (reflection !== undefined) {
      await trx
        .insertInto('project_reflections')
        .values({ project_id: project.id, text: reflection, created_at: at })
        .execute();
    }
    await recordActivity(
      trx,
      {
        guild_id: updated.guild_id,
        user_id: updated.user_id,
        kind: 'project_updated',
        occurred_at: at,
        subject_id: updated.id,
        from_status: project.status,
        to_status: updated.status,
        note: reflection ?? null,
        link: updated.repo_url ?? updated.demo_url,
      },
      defaultTimezone,
    );
    return updated;
  });
}

/** The member's project with this title (by `projectTitleKey`), the oldest if they repeat. */
export async function findProjectByTitle(
  db: Db,
  member: { guildId: string; userId: string },
  title: string,
): Promise<Project | undefined> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('guild_id', '=', member.guildId)
    .where('user_id', '=', member.userId)
    .where('title_key', '=', projectTitleKey(title))
    .orderBy('id')
    .executeTakeFirst();
}

export async function findProject(db: Db, guildId: string, projectId: number): Promise<Project | undefined> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('id', '=', projectId)
    .executeTakeFirst();
}

/** A member's projects: active first, then planned, paused and done; newest first within each. */
export async function listMemberProjects(db: Db, guildId: string, userId: string): Promise<Project[]> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .orderBy(sql`case status when 'active' then 0 when 'planned' then 1 when 'paused' then 2 else 3 end`)
    .orderBy('id', 'desc')
    .execute();
}

/** Newest first. */
export async function listProjectReflections(db: Db, projectId: number): Promise<ProjectReflection[]> {
  return db
    .selectFrom('project_reflections')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Autocomplete for project options: the guild's projects (or one member's, when `userId` is
 * given) whose title contains the typed text, the asker's own first.
 */
export async function findProjectsByTitle(
  db: Db,
  scope: {
    guildId: string;
    userId?: string | undefined;
    preferUserId: string;
    /** Owners whose projects are left out, e.g. private profiles the member may not see. */
    excludeUserIds?: readonly string[];
  },
  typed: string,
  limit: number,
): Promise<Project[]> {
  let query = db.selectFrom('projects').selectAll().where('guild_id', '=', scope.guildId);
  if (scope.userId !== undefined) query = query.where('user_id', '=', scope.userId);
  if (scope.excludeUserIds?.length) query = query.where('user_id', 'not in', scope.excludeUserIds);
  if (typed.trim() !== '') {
    query = query.where(sql<boolean>`lower(title) like ${containsPattern(typed.trim())} escape '\\'`);
  }
  return query
    .orderBy(sql`case when user_id = ${scope.preferUserId} then 0 else 1 end`)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}
