import type { OptionInput } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { autocompleteChoices, slashReply } from '../support/interact.js';
import { useSharingBot } from './sharing-bot.js';

describe('/project', () => {
  const bot = useSharingBot();
  let projectId: number;

  const run = (subcommand: string, options: Record<string, OptionInput>, user?: string) =>
    slashReply(bot.double, { name: 'project', subcommand, options, ...(user ? { user } : {}) });

  const showChoices = (typed: string, user: string) =>
    autocompleteChoices(bot.double, {
      name: 'project',
      subcommand: 'show',
      focused: 'project',
      options: { project: typed },
      user,
    });

  /** The seeded member's display name as Discord shows it (no server nickname). */
  const memberName = () => bot.double.users.member.global_name ?? bot.double.users.member.username;

  const events = (kind: 'project_created' | 'project_updated') =>
    bot.ctx.db.selectFrom('activity_events').selectAll().where('kind', '=', kind).orderBy('id').execute();

  it('GIVEN a new project THEN it is stored as active by default, recorded, and shown privately', async () => {
    const reply = await run('add', {
      title: 'Todo CLI',
      description: 'A command-line todo list',
      tech: 'Python, argparse',
      repo: 'https://github.com/member/todo/',
    });
    expect(reply.ephemeral).toBe(true);
    const embed = reply.embeds[0]!;
    expect(embed.title).toBe('Todo CLI');
    expect(embed.description).toBe('A command-line todo list');
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: 'Status', value: '🚧 Active', inline: true },
        { name: 'Repository', value: 'https://github.com/member/todo', inline: true },
      ]),
    );
    const project = await bot.ctx.db.selectFrom('projects').selectAll().executeTakeFirstOrThrow();
    projectId = project.id;
    expect(project).toMatchObject({
      status: 'active',
      user_id: bot.double.users.member.id,
      tech: 'Python, argparse',
    });
    expect(await events('project_created')).toMatchObject([{ subject_id: projectId, to_status: 'active' }]);
  });

  it('GIVEN updates with reflections THEN each reflection is appended with its date and never overwrites', async () => {
    await run('update', { project: String(projectId), reflection: 'Argparse is enough for small tools' });
    bot.clock.advance(24 * 60 * 60_000);
    const reply = await run('update', {
      project: String(projectId),
      status: 'done',
      reflection: 'Tests first next time',
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('Updated, and your reflection is added.');
    const description = reply.embeds[0]?.description ?? '';
    expect(description).toMatch(
      /\*\*Reflections\*\*\n<t:\d+:D> — Tests first next time\n<t:\d+:D> — Argparse is enough for small tools$/,
    );
    expect(reply.embeds[0]?.fields).toContainEqual({ name: 'Status', value: '✅ Done', inline: true });
    const reflections = await bot.ctx.db
      .selectFrom('project_reflections')
      .selectAll()
      .orderBy('id')
      .execute();
    expect(reflections.map((reflection) => reflection.created_at)).toEqual([
      '2026-11-26T10:10:00.000Z',
      '2026-11-27T10:10:00.000Z',
    ]);
    expect(await events('project_updated')).toMatchObject([
      { from_status: 'active', to_status: 'active' },
      { from_status: 'active', to_status: 'done', note: 'Tests first next time' },
    ]);
  });

  it('GIVEN another member THEN /project update is refused and nothing changes, and their autocomplete does not offer it', async () => {
    const reply = await run('update', { project: String(projectId), status: 'paused' }, bot.otherId);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(`Only <@${bot.double.users.member.id}> can update this project.`);
    expect((await bot.ctx.db.selectFrom('projects').select('status').executeTakeFirstOrThrow()).status).toBe(
      'done',
    );
    expect(await events('project_updated')).toHaveLength(2);

    const choices = await (
      await bot.double.interact(
        bot.double.autocomplete({
          name: 'project',
          subcommand: 'update',
          focused: 'project',
          user: bot.otherId,
        }),
      )
    ).choices();
    expect(choices).toEqual([]);
  });

  it.each([
    ['update', { project: '999999', status: 'paused' }, 'I can’t find that project. Pick one from the list.'],
    ['update', { project: 'PROJECT' }, 'Tell me what changed: a status, a detail or a reflection.'],
    [
      'add',
      { title: 'Site', demo: 'javascript:alert(1)' },
      'Demo link: Only http:// and https:// links are accepted.',
    ],
    ['add', { title: '  ' }, 'The title cannot be empty.'],
    [
      'add',
      { title: '\u200b\u200b' },
      'The title has only invisible characters (such as zero-width spaces): write something others can read.',
    ],
  ])('GIVEN /project %s with %j THEN it is refused privately', async (subcommand, options, message) => {
    const resolved = Object.fromEntries(
      Object.entries(options).map(([name, value]) => [name, value === 'PROJECT' ? String(projectId) : value]),
    );
    const before = await bot.ctx.db.selectFrom('projects').selectAll().execute();
    const reply = await run(subcommand, resolved);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(message);
    expect(await bot.ctx.db.selectFrom('projects').selectAll().execute()).toEqual(before);
  });

  it('GIVEN a title mentioning a member, a former member, an unknown user and a role THEN the card’s title shows names, never ids', async () => {
    const role = bot.double.roles.admin;
    const stranger = bot.double.addUser({ username: 'stranger', globalName: 'Former Member' });
    const reply = await run('add', {
      title: `Pairing with <@${bot.otherId}>, <@!${stranger.id}> and <@99999999999999999> for <@&${role.id}>`,
    });
    expect(reply.embeds[0]?.title).toBe(
      `Pairing with @other, @Former Member and @unknown-user for @${role.name}`,
    );
    await bot.ctx.db.deleteFrom('projects').where('title', 'like', 'Pairing with%').execute();
  });

  it('GIVEN projects THEN anyone can list a member’s and show one with its reflections', async () => {
    await run('add', { title: 'Blog', status: 'planned' });
    const list = await (
      await bot.double.interact(
        bot.double.slash({
          name: 'project',
          subcommand: 'list',
          options: { member: { user: bot.double.users.member.id } },
          user: bot.otherId,
        }),
      )
    ).final();
    expect(list.ephemeral).toBe(true);
    expect(list.embeds[0]?.description).toBe(
      `<@${bot.double.users.member.id}>’s projects\n\n🗓️ Planned — **Blog**\n✅ Done — [Todo CLI](https://github.com/member/todo) · Python, argparse`,
    );

    expect(await showChoices('todo', bot.otherId)).toEqual([
      { name: `Todo CLI — @${memberName()} · done`, value: String(projectId) },
    ]);
    const shown = await run('show', { project: String(projectId) }, bot.otherId);
    expect(shown.embeds[0]?.description).toContain('Tests first next time');
  });

  it('GIVEN a member without projects THEN their list says so', async () => {
    const list = await run('list', {}, bot.otherId);
    expect(list.embeds[0]?.description).toBe(
      `<@${bot.otherId}>’s projects\n\nNo projects yet. Add one with \`/project add\`.`,
    );
  });

  it('GIVEN a title the member already uses (other case, surrounding spaces) THEN /project add is refused with a pointer to the existing project and nothing is stored', async () => {
    const before = await bot.ctx.db.selectFrom('projects').selectAll().execute();
    const eventsBefore = await events('project_created');
    const reply = await run('add', { title: '  todo CLI ', tech: 'Go' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /^You already have a project called \*\*Todo CLI\*\* \(✅ Done, added <t:\d+:D>\)\. Add to it with `\/project update`, or pick another title\.$/,
    );
    expect(reply.allowedMentions?.parse).toEqual([]);
    expect(await bot.ctx.db.selectFrom('projects').selectAll().execute()).toEqual(before);
    expect(await events('project_created')).toEqual(eventsBefore);
  });

  it('GIVEN another member with a project of the same title THEN autocomplete tells the two apart by owner', async () => {
    await run('add', { title: 'Todo CLI' }, bot.otherId);
    const theirs = await bot.ctx.db
      .selectFrom('projects')
      .select('id')
      .where('user_id', '=', bot.otherId)
      .executeTakeFirstOrThrow();
    expect(await showChoices('todo', bot.otherId)).toEqual([
      { name: 'Todo CLI · active', value: String(theirs.id) },
      { name: `Todo CLI — @${memberName()} · done`, value: String(projectId) },
    ]);
  });
});
