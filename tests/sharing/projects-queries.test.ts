import { describe, expect, it } from 'vitest';
import type { ProjectStatus } from '../../src/db/schema.js';
import {
  createProject,
  findProjectByTitle,
  findProjectsByTitle,
  listMemberProjects,
  listProjectReflections,
  updateProject,
} from '../../src/sharing/projects-queries.js';
import { useTestDatabase } from '../support/database.js';
import { ALICE, BOB, GUILD } from './seed.js';

describe('projects queries', () => {
  const handle = useTestDatabase();

  function tryAdd(title: string, status: ProjectStatus = 'active', userId = ALICE) {
    return createProject(
      handle.db,
      {
        guild_id: GUILD,
        user_id: userId,
        title,
        description: null,
        tech: 'Python',
        repo_url: 'https://github.com/alice/todo',
        demo_url: null,
        status,
        created_at: '2026-11-20T10:00:00.000Z',
        updated_at: '2026-11-20T10:00:00.000Z',
      },
      'UTC',
    );
  }

  async function add(title: string, status: ProjectStatus = 'active', userId = ALICE) {
    const project = await tryAdd(title, status, userId);
    if (!project) throw new Error(`${title} was refused as a duplicate`);
    return project;
  }

  it('GIVEN the same title in another case or with spaces THEN the member’s second project is not stored, while another member may use it', async () => {
    const first = await add('Todo CLI');
    expect(await tryAdd('  todo cli ')).toBeUndefined();
    expect(await add('TODO CLI', 'active', BOB)).toBeDefined();
    expect((await findProjectByTitle(handle.db, { guildId: GUILD, userId: ALICE }, 'Todo cli '))?.id).toBe(
      first.id,
    );
  });

  it('GIVEN a new project THEN a project_created event carries its status', async () => {
    const project = await add('Todo CLI', 'planned');
    const events = await handle.db.selectFrom('activity_events').selectAll().execute();
    expect(events).toMatchObject([
      {
        kind: 'project_created',
        subject_id: project.id,
        to_status: 'planned',
        note: 'Todo CLI',
        link: 'https://github.com/alice/todo',
      },
    ]);
  });

  it('GIVEN updates with reflections THEN fields change, reflections are appended with their dates and each update is an event', async () => {
    const project = await add('Todo CLI', 'active');
    const first = await updateProject(
      handle.db,
      project,
      { reflection: 'Argparse is enough' },
      new Date('2026-11-21T10:00:00Z'),
      'UTC',
    );
    const second = await updateProject(
      handle.db,
      first,
      { status: 'done', tech: 'Python, Click', reflection: 'Click was nicer' },
      new Date('2026-11-22T10:00:00Z'),
      'UTC',
    );
    expect(second).toMatchObject({
      status: 'done',
      tech: 'Python, Click',
      description: null,
      updated_at: '2026-11-22T10:00:00.000Z',
    });
    expect(await listProjectReflections(handle.db, project.id)).toMatchObject([
      { text: 'Click was nicer', created_at: '2026-11-22T10:00:00.000Z' },
      { text: 'Argparse is enough', created_at: '2026-11-21T10:00:00.000Z' },
    ]);
    const events = await handle.db
      .selectFrom('activity_events')
      .selectAll()
      .where('kind', '=', 'project_updated')
      .orderBy('id')
      .execute();
    expect(events).toMatchObject([
      { from_status: 'active', to_status: 'active', note: 'Argparse is enough' },
      {
        from_status: 'active',
        to_status: 'done',
        note: 'Click was nicer',
        occurred_at: '2026-11-22T10:00:00.000Z',
      },
    ]);
  });

  it('GIVEN projects in several states THEN a member’s list shows active, planned, paused, done', async () => {
    await add('Done one', 'done');
    await add('Paused one', 'paused');
    await add('Active one', 'active');
    await add('Planned one', 'planned');
    await add('Bob’s', 'active', BOB);
    expect((await listMemberProjects(handle.db, GUILD, ALICE)).map((project) => project.title)).toEqual([
      'Active one',
      'Planned one',
      'Paused one',
      'Done one',
    ]);
  });

  it('GIVEN projects by two members THEN autocomplete matches the title and lists the asker’s own first', async () => {
    await add('Alice blog', 'active', ALICE);
    await add('Bob blog', 'active', BOB);
    await add('Bob game', 'active', BOB);
    const titles = async (scope: Parameters<typeof findProjectsByTitle>[1], typed: string) =>
      (await findProjectsByTitle(handle.db, scope, typed, 25)).map((project) => project.title);
    expect(await titles({ guildId: GUILD, preferUserId: BOB }, 'BLOG')).toEqual(['Bob blog', 'Alice blog']);
    expect(await titles({ guildId: GUILD, userId: ALICE, preferUserId: ALICE }, '')).toEqual(['Alice blog']);
  });
});
