import type { FinalResponse, OptionInput } from '@waymark/discord-double';
import { type APIInteraction, type APIUser, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../commands/index.js';
import { saveDigestSchedule } from '../../src/digest/digest-schedules.js';
import { createFeedbackRequest } from '../../src/feedback/feedback-queries.js';
import { archiveRoadmap, setDefaultRoadmap } from '../../src/roadmaps/roadmap-admin.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createLearning } from '../../src/sharing/learnings-queries.js';
import { createResource } from '../../src/sharing/resources-queries.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { buttonReply, customIdsOf, installPythonTemplate, slashReply } from '../support/interact.js';
import { seedRoadmap } from '../support/roadmap.js';
import { allRows } from '../support/tables.js';

/**
 * Every command and subcommand × (a plain member, the member who owns the data, an admin with
 * Manage Server/Messages/Threads who does not own it), as the product brief's command table
 * says. The list of paths comes from the registered definitions, so a new command or
 * subcommand without a row fails the first test.
 */

type Role = 'member' | 'owner' | 'admin';
const ROLES: readonly Role[] = ['member', 'owner', 'admin'];

/** Who may use a command, in the brief's words. */
type Rule = 'anyone' | 'admin' | 'owner' | 'owner or admin';
const ALLOWED: Record<Rule, readonly Role[]> = {
  anyone: ['member', 'owner', 'admin'],
  admin: ['admin'],
  owner: ['owner'],
  'owner or admin': ['owner', 'admin'],
};

interface Actors {
  /** The member each role stands for in this case. */
  actor: APIUser;
  /** The member who owns the data the case acts on (a fresh member per case). */
  owner: APIUser;
}

interface MatrixRow {
  /** `command` or `command subcommand`, as registered. */
  path: string;
  /** A variant of the path, when one path has parts with different rules (e.g. admin-only options). */
  variant?: string;
  rule: Rule;
  /** Data owned by `owner` that the case acts on, created afresh before each attempt. */
  setup?(owner: APIUser): Promise<string>;
  options?(actors: Actors, fixture: string): Record<string, OptionInput>;
  /** Where the command is run (default #general). */
  channelId?(fixture: string): string;
  /** The refusal a member without the right sees. */
  refusal?: RegExp;
  /** After an allowed use: what it did. */
  effect?(actors: Actors, fixture: string): Promise<void>;
}

const CLOCK = fixedClock('2026-11-24T09:00:00.000Z');
/** Past every per-member cooldown, so one case's uses never refuse the next. */
const BETWEEN_CASES_MS = 6 * 60_000;
const NEEDS_MANAGE_SERVER = (command: string) =>
  new RegExp(`^/${command} needs the Manage Server permission\\.$`);

let stranger: APIUser;
let itemId: string;
let ownerCount = 0;
let urlCount = 0;

const bot = useTestBot({ clock: CLOCK });
beforeAll(async () => {
  stranger = newMember('stranger');
  [itemId = ''] = await installPythonTemplate(bot.double);
}, 30_000);

const db = () => bot.ctx.db;

async function run(
  name: string,
  subcommand: string | undefined,
  user: APIUser,
  options: Record<string, OptionInput> = {},
  channelId?: string,
): Promise<FinalResponse> {
  return slashReply(
    bot.double,
    {
      name,
      ...(subcommand ? { subcommand } : {}),
      user: user.id,
      options,
      ...(channelId ? { channelId } : {}),
      // Discord hides /digest from members, but admins can override that per server: the bot checks for itself.
      ignoreDefaultMemberPermissions: true,
    },
    { timeoutMs: 15_000 },
  );
}

function newMember(name: string): APIUser {
  return addTestMember(bot.double, { username: name });
}

function nextUrl(): string {
  urlCount += 1;
  return `https://example.com/matrix/${urlCount}`;
}

async function idOf(table: 'resources' | 'projects' | 'goals', userId: string): Promise<string> {
  const row = await db()
    .selectFrom(table)
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

async function ensureDigestSchedule(): Promise<string> {
  await saveDigestSchedule(db(), {
    guild_id: bot.double.guild.id,
    channel_id: bot.double.channels.progress.id,
    day: 5,
    hour: 9,
    timezone: 'UTC',
    updated_by: bot.double.users.admin.id,
    updated_at: CLOCK.now().toISOString(),
  });
  return bot.double.channels.progress.id;
}

/** A roadmap of its own for a case that changes a whole roadmap; returns its name. */
async function seedMatrixRoadmap(owner: APIUser): Promise<string> {
  const name = `matrix ${owner.username}`;
  await seedRoadmap(db(), {
    guildId: bot.double.guild.id,
    createdBy: bot.double.users.admin.id,
    now: CLOCK.now(),
    phases: { Basics: ['Variables'] },
    name,
  });
  return name;
}

/** A row for an admin subcommand acting on the case's own roadmap. */
function roadmapAdminRow(subcommand: string): MatrixRow {
  return {
    path: `roadmap ${subcommand}`,
    rule: 'admin',
    setup: seedMatrixRoadmap,
    options: (_actors, name) => ({ roadmap: name }),
    refusal: NEEDS_MANAGE_SERVER(`roadmap ${subcommand}`),
  };
}

function matrixFile() {
  return {
    attachment: bot.double.hostAttachment(
      'matrix.md',
      'text/markdown; charset=utf-8',
      '# Matrix\n\n## Basics\n\n- [ ] Variables\n- [ ] Loops\n',
    ),
  };
}

async function roadmapNamed(name: string) {
  return db()
    .selectFrom('roadmaps')
    .selectAll()
    .where('guild_id', '=', bot.double.guild.id)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

/** Every row of every table: a refusal must leave all of it exactly as it was. */
/**
 * What members and admins stored. Shard heartbeats are left out: the bot rewrites them on its own
 * every few seconds, whatever anyone runs.
 */
async function databaseSnapshot(): Promise<string> {
  const tables = await allRows(bot.app.database.db);
  return JSON.stringify(tables.filter(({ table }) => table !== 'shard_heartbeats'));
}

/** Messages anyone can see: a refusal posts nothing public. */
function publicMessageCount(): number {
  const channels = [
    bot.double.channels.general.id,
    bot.double.channels.progress.id,
    ...bot.double.threads.map((thread) => thread.id),
  ];
  return channels.reduce((count, id) => count + bot.double.messagesIn(id).length, 0);
}

const MATRIX: readonly MatrixRow[] = [
  {
    path: 'roadmap template',
    rule: 'admin',
    options: () => ({ name: 'python-developer' }),
    refusal: NEEDS_MANAGE_SERVER('roadmap template'),
  },
  {
    path: 'roadmap import',
    rule: 'admin',
    options: ({ actor }) => ({
      name: `Imported by ${actor.username}`,
      file: matrixFile(),
    }),
    refusal: NEEDS_MANAGE_SERVER('roadmap import'),
    async effect({ actor }) {
      const roadmap = await db()
        .selectFrom('roadmaps')
        .select('id')
        .where('name', '=', `Imported by ${actor.username}`)
        .executeTakeFirst();
      expect(roadmap).toBeDefined();
    },
  },
  {
    path: 'roadmap import',
    variant: 'replace: a dry run first',
    rule: 'admin',
    setup: seedMatrixRoadmap,
    options: (_actors, name) => ({
      name,
      replace: true,
      file: matrixFile(),
    }),
    refusal: NEEDS_MANAGE_SERVER('roadmap import'),
    async effect(_actors, name) {
      // Allowed means shown a dry run: the roadmap changes only when Apply is pressed.
      const roadmap = await roadmapNamed(name);
      expect(roadmap.version).toBe(0);
      const pending = await db()
        .selectFrom('pending_roadmap_imports')
        .select('roadmap_version')
        .where('roadmap_id', '=', roadmap.id)
        .execute();
      expect(pending).toEqual([{ roadmap_version: 0 }]);
    },
  },
  {
    ...roadmapAdminRow('default'),
    async effect(_actors, name) {
      expect((await roadmapNamed(name)).is_default).toBe(1);
      // The rows after this one rely on the bundled roadmap being the default members follow.
      const python = await roadmapNamed('python-developer');
      await setDefaultRoadmap(db(), {
        guildId: bot.double.guild.id,
        roadmapId: python.id,
        userId: bot.double.users.admin.id,
        at: CLOCK.now(),
      });
    },
  },
  {
    ...roadmapAdminRow('rename'),
    options: (_actors, name) => ({ roadmap: name, name: `${name} renamed` }),
    async effect(_actors, name) {
      expect((await roadmapNamed(`${name} renamed`)).name).toBe(`${name} renamed`);
    },
  },
  {
    ...roadmapAdminRow('archive'),
    async effect(_actors, name) {
      expect((await roadmapNamed(name)).archived_at).not.toBeNull();
    },
  },
  {
    ...roadmapAdminRow('restore'),
    async setup(owner) {
      const name = await seedMatrixRoadmap(owner);
      const roadmap = await roadmapNamed(name);
      await archiveRoadmap(db(), {
        guildId: bot.double.guild.id,
        roadmapId: roadmap.id,
        userId: bot.double.users.admin.id,
        at: CLOCK.now(),
      });
      return name;
    },
    async effect(_actors, name) {
      expect((await roadmapNamed(name)).archived_at).toBeNull();
    },
  },
  {
    ...roadmapAdminRow('delete'),
    async effect(_actors, name) {
      // Allowed means asked to confirm: nothing is deleted before the button is pressed.
      expect(await roadmapNamed(name)).toBeDefined();
    },
  },
  { path: 'roadmap list', rule: 'anyone' },
  { path: 'roadmap follow', rule: 'anyone', options: () => ({ roadmap: 'python-developer' }) },
  { path: 'roadmap view', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  { path: 'roadmap export', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  {
    path: 'check',
    rule: 'anyone',
    options: () => ({ item: itemId }),
    async effect({ actor }) {
      const row = await db()
        .selectFrom('member_progress')
        .select('status')
        .where('user_id', '=', actor.id)
        .where('item_id', '=', Number(itemId))
        .executeTakeFirst();
      expect(row?.status).toBe('done');
    },
  },
  { path: 'uncheck', rule: 'anyone', options: () => ({ item: itemId }) },
  { path: 'learned', rule: 'anyone', options: () => ({ text: 'Sets are hash tables' }) },
  { path: 'learnings', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  {
    path: 'resources add',
    rule: 'anyone',
    options: () => ({ url: nextUrl(), title: 'A guide', category: 'documentation' }),
  },
  { path: 'resources list', rule: 'anyone' },
  {
    path: 'resources remove',
    rule: 'owner or admin',
    async setup(owner) {
      await run('resources', 'add', owner, { url: nextUrl(), title: 'Mine', category: 'book' });
      return idOf('resources', owner.id);
    },
    options: (_actors, resource) => ({ resource }),
    refusal:
      /^Only the member who added this resource, or someone with the Manage Messages permission, can remove it\.$/,
    async effect(_actors, resource) {
      const row = await db()
        .selectFrom('resources')
        .select('id')
        .where('id', '=', Number(resource))
        .executeTakeFirst();
      expect(row).toBeUndefined();
    },
  },
  { path: 'project add', rule: 'anyone', options: () => ({ title: 'A CLI' }) },
  {
    path: 'project update',
    rule: 'owner',
    async setup(owner) {
      await run('project', 'add', owner, { title: 'Weather app' });
      return idOf('projects', owner.id);
    },
    options: (_actors, project) => ({ project, status: 'done' }),
    refusal: /^Only <@\d+> can update this project\.$/,
    async effect(_actors, project) {
      const row = await db()
        .selectFrom('projects')
        .select('status')
        .where('id', '=', Number(project))
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('done');
    },
  },
  { path: 'project list', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  {
    path: 'project show',
    rule: 'anyone',
    async setup(owner) {
      await run('project', 'add', owner, { title: 'Blog' });
      return idOf('projects', owner.id);
    },
    options: (_actors, project) => ({ project }),
  },
  { path: 'feedback request', rule: 'anyone', options: () => ({ topic: 'My parser' }) },
  {
    path: 'feedback close',
    rule: 'owner or admin',
    async setup(owner) {
      await run('feedback', 'request', owner, { topic: 'Review my tests' });
      const request = await db()
        .selectFrom('feedback_requests')
        .select('thread_id')
        .where('requester_id', '=', owner.id)
        .executeTakeFirstOrThrow();
      return request.thread_id;
    },
    channelId: (thread) => thread,
    refusal: /^Only the member who asked for feedback, or a moderator with Manage Threads, can close it\.$/,
    async effect(_actors, thread) {
      const request = await db()
        .selectFrom('feedback_requests')
        .select('status')
        .where('thread_id', '=', thread)
        .executeTakeFirstOrThrow();
      expect(request.status).toBe('resolved');
    },
  },
  { path: 'feedback list', rule: 'anyone' },
  { path: 'goal set', rule: 'anyone', options: () => ({ text: 'Finish the loops chapter' }) },
  {
    path: 'goal done',
    rule: 'owner',
    async setup(owner) {
      await run('goal', 'set', owner, { text: 'Write a decorator' });
      return idOf('goals', owner.id);
    },
    options: (_actors, goal) => ({ goal }),
    refusal: /^That is not one of your goals\./,
    async effect(_actors, goal) {
      const row = await db()
        .selectFrom('goals')
        .select('status')
        .where('id', '=', Number(goal))
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('done');
    },
  },
  { path: 'goal list', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  { path: 'journey', rule: 'anyone', options: ({ owner }) => ({ member: { user: owner } }) },
  { path: 'settings', rule: 'anyone', options: () => ({ nudges: true }) },
  {
    path: 'settings',
    variant: 'server-nudges (admin options)',
    rule: 'admin',
    options: () => ({ 'server-nudges': true, 'silence-days': 10 }),
    refusal: /^server-nudges and silence-days need the Manage Server permission\.$/,
  },
  {
    path: 'digest setup',
    rule: 'admin',
    options: () => ({ channel: { channel: bot.double.channels.progress.id }, day: 'friday', hour: 9 }),
    refusal: NEEDS_MANAGE_SERVER('digest setup'),
  },
  { path: 'digest preview', rule: 'admin', refusal: NEEDS_MANAGE_SERVER('digest preview') },
  {
    path: 'digest send',
    rule: 'admin',
    setup: ensureDigestSchedule,
    refusal: NEEDS_MANAGE_SERVER('digest send'),
    async effect() {
      expect(bot.double.messagesIn(bot.double.channels.progress.id).length).toBeGreaterThan(0);
    },
  },
  {
    path: 'digest pause',
    rule: 'admin',
    setup: ensureDigestSchedule,
    refusal: NEEDS_MANAGE_SERVER('digest pause'),
    async effect() {
      const schedule = await db().selectFrom('digest_schedules').select('paused').executeTakeFirstOrThrow();
      expect(schedule.paused).toBe(1);
    },
  },
  {
    path: 'digest status',
    rule: 'admin',
    setup: ensureDigestSchedule,
    refusal: NEEDS_MANAGE_SERVER('digest status'),
  },
  { path: 'privacy export', rule: 'anyone' },
  // Only asks for confirmation; the erase button is checked below.
  { path: 'privacy delete', rule: 'anyone' },
  {
    path: 'privacy purge',
    rule: 'admin',
    options: ({ owner }) => ({ member: { user: owner } }),
    refusal: NEEDS_MANAGE_SERVER('privacy purge'),
  },
  { path: 'about', rule: 'anyone' },
  // The setup checklist is shown to Manage Server only: tests/e2e/help.test.ts.
  { path: 'help', rule: 'anyone' },
];

/** `command` and `command subcommand` (and `command group subcommand`) paths of the registered definitions. */
function registeredPaths(): string[] {
  return COMMAND_DEFINITIONS.flatMap((command) => {
    const nested = (command.options ?? []).flatMap((option) => {
      if (option.type === ApplicationCommandOptionType.Subcommand) return [`${command.name} ${option.name}`];
      if (option.type === ApplicationCommandOptionType.SubcommandGroup)
        return (option.options ?? []).map((sub) => `${command.name} ${option.name} ${sub.name}`);
      return [];
    });
    return nested.length > 0 ? nested : [command.name];
  });
}

function actorOf(role: Role, owner: APIUser): APIUser {
  if (role === 'owner') return owner;
  if (role === 'admin') return bot.double.users.admin;
  return stranger;
}

describe('permission matrix: every command and subcommand × member, owner, admin', () => {
  it('GIVEN the registered commands THEN every command and subcommand has a row, and every row a registered command', () => {
    const paths = registeredPaths();
    const covered = new Set(MATRIX.map((row) => row.path));
    expect(paths.filter((path) => !covered.has(path))).toEqual([]);
    expect([...covered].filter((path) => !paths.includes(path))).toEqual([]);
    console.info(`permission matrix: ${MATRIX.length} rows (${paths.length} paths) × ${ROLES.length} roles`);
  });

  const cases = MATRIX.flatMap((row) =>
    ROLES.map((role) => ({ row, role, allowed: ALLOWED[row.rule].includes(role) })),
  );
  it.each(cases)(
    'GIVEN /$row.path $row.variant used by the $role THEN allowed: $allowed',
    async ({ row, role, allowed }) => {
      CLOCK.advance(BETWEEN_CASES_MS);
      ownerCount += 1;
      const owner = newMember(`owner-${ownerCount}`);
      const fixture = (await row.setup?.(owner)) ?? '';
      const actors = { actor: actorOf(role, owner), owner };
      const [name = '', subcommand] = row.path.split(' ');
      const before = await databaseSnapshot();
      const messagesBefore = publicMessageCount();

      const reply = await run(
        name,
        subcommand,
        actors.actor,
        row.options?.(actors, fixture) ?? {},
        row.channelId?.(fixture),
      );

      expect(reply.content).not.toMatch(/something went wrong/i);
      if (allowed) {
        if (row.refusal) expect(reply.content).not.toMatch(row.refusal);
        expect(reply.content).not.toMatch(/needs the .* permission/);
        await row.effect?.(actors, fixture);
        return;
      }
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(row.refusal ?? /^$/);
      expect(await databaseSnapshot()).toBe(before);
      expect(publicMessageCount()).toBe(messagesBefore);
    },
    20_000,
  );
});

/**
 * The same button or modal, sent by another member. Discord shows an ephemeral message (and a
 * modal) only to its member, so this is what a stale, shared or replayed custom id would look
 * like: the payload is rebuilt for `user`, as Discord would send it for them.
 */
function sentBy<T extends APIInteraction>(payload: T, user: APIUser): T {
  const probe = bot.double.slash({ name: 'about', user: user.id });
  return { ...payload, member: probe.member, channel: probe.channel, app_permissions: probe.app_permissions };
}

function nextPageButton(reply: FinalResponse): string {
  const ids = customIdsOf(reply.components);
  const next = ids.find((id) => id.endsWith(':next'));
  if (!next) throw new Error(`no ▶ button on the reply (${ids.join(', ') || 'no components'})`);
  return next;
}

function pageIndicator(message: { components?: FinalResponse['components'] }): string | undefined {
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const component of row.components)
      if ('custom_id' in component && component.custom_id.endsWith(':at') && 'label' in component)
        return component.label;
  }
  return undefined;
}

const LONG = 'x'.repeat(150);

interface PagedCase {
  label: string;
  /** Data that makes the view longer than one page. */
  seed(owner: APIUser): Promise<void>;
  open(owner: APIUser): Promise<FinalResponse>;
}

const PAGED: readonly PagedCase[] = [
  {
    label: '/roadmap view (shared in the channel)',
    async seed(owner) {
      const items = Array.from({ length: 120 }, (_, index) => `- [ ] Item ${index} ${LONG}`).join('\n');
      await run('roadmap', 'import', bot.double.users.admin, {
        name: 'Long',
        file: {
          attachment: bot.double.hostAttachment(
            'long.md',
            'text/markdown',
            `# Long\n\n## Everything\n\n${items}\n`,
          ),
        },
      });
      await run('roadmap', 'follow', owner, { roadmap: 'Long' });
    },
    open: (owner) => run('roadmap', 'view', owner, { phase: 'Everything', share: true }),
  },
  {
    label: '/learnings',
    async seed(owner) {
      for (let index = 0; index < 6; index += 1) {
        await createLearning(
          db(),
          {
            guild_id: bot.double.guild.id,
            user_id: owner.id,
            text: `Lesson ${index}`,
            link: null,
            item_id: null,
            channel_id: null,
            message_id: null,
            thread_id: null,
            created_at: CLOCK.now().toISOString(),
          },
          null,
          'UTC',
        );
      }
    },
    open: (owner) => run('learnings', undefined, owner, { member: { user: owner } }),
  },
  {
    label: '/resources list',
    async seed(owner) {
      for (let index = 0; index < 40; index += 1) {
        await createResource(
          db(),
          {
            guild_id: bot.double.guild.id,
            user_id: owner.id,
            url: nextUrl(),
            title: `Resource ${index} ${LONG}`,
            category: 'course',
            item_id: null,
            note: null,
            created_at: CLOCK.now().toISOString(),
          },
          null,
          'UTC',
        );
      }
    },
    open: (owner) => run('resources', 'list', owner, { category: 'course' }),
  },
  {
    label: '/feedback list',
    async seed(owner) {
      for (let index = 0; index < 40; index += 1) {
        await createFeedbackRequest(
          db(),
          {
            guild_id: bot.double.guild.id,
            requester_id: owner.id,
            topic: `Request ${index} ${'y'.repeat(80)}`,
            link: null,
            details: null,
            channel_id: bot.double.channels.general.id,
            message_id: `9${index}`,
            thread_id: `8${index}`,
            created_at: CLOCK.now().toISOString(),
          },
          'UTC',
        );
      }
    },
    open: (owner) => run('feedback', 'list', owner),
  },
];

describe('buttons and modals used by someone other than the member they were shown to', () => {
  it.each(PAGED)(
    'GIVEN $label with several pages THEN another member or an admin pressing ▶ is refused privately and nothing changes; its member turns the page',
    async ({ seed, open }) => {
      CLOCK.advance(BETWEEN_CASES_MS);
      ownerCount += 1;
      const owner = newMember(`owner-${ownerCount}`);
      await seed(owner);
      const reply = await open(owner);
      const next = nextPageButton(reply);
      expect(pageIndicator(reply)).toMatch(/^1 \/ \d+$/);

      for (const other of [stranger, bot.double.users.admin]) {
        const before = await databaseSnapshot();
        const press = bot.double.button({
          customId: next,
          message: reply.message,
          ...(reply.ephemeral ? {} : { user: other.id }),
        });
        const refused = await (
          await bot.double.interact(reply.ephemeral ? sentBy(press, other) : press)
        ).final();
        expect(refused.ephemeral).toBe(true);
        expect(refused.content).toBe(
          'These buttons belong to someone else’s view. Run the command yourself to get your own.',
        );
        expect(await databaseSnapshot()).toBe(before);
        expect(pageIndicator(bot.double.message(reply.message.id)!)).toMatch(/^1 \/ \d+$/);
      }

      const turned = await buttonReply(bot.double, {
        customId: next,
        message: reply.message,
        user: owner.id,
      });
      expect(pageIndicator(turned.message)).toMatch(/^2 \/ \d+$/);
    },
    20_000,
  );

  it('GIVEN the erase button of /privacy delete pressed by another member or an admin THEN it is refused and the member’s data stays', async () => {
    CLOCK.advance(BETWEEN_CASES_MS);
    ownerCount += 1;
    const owner = newMember(`owner-${ownerCount}`);
    await run('goal', 'set', owner, { text: 'Keep my data' });
    const prompt = await run('privacy', 'delete', owner);
    const erase = customIdsOf(prompt.components)[0]!;
    for (const other of [stranger, bot.double.users.admin]) {
      const before = await databaseSnapshot();
      const press = bot.double.button({ customId: erase, message: prompt.message });
      const refused = await (await bot.double.interact(sentBy(press, other))).final();
      expect(refused.ephemeral).toBe(true);
      expect(refused.content).toBe(
        'These buttons belong to someone else’s view. Run the command yourself to get your own.',
      );
      expect(await databaseSnapshot()).toBe(before);
    }
    const goals = await db().selectFrom('goals').select('id').where('user_id', '=', owner.id).execute();
    expect(goals).toHaveLength(1);
  });

  it('GIVEN a learning’s Discuss button pressed by another member THEN it opens the thread (public by design) and changes nothing else of the learning', async () => {
    CLOCK.advance(BETWEEN_CASES_MS);
    ownerCount += 1;
    const owner = newMember(`owner-${ownerCount}`);
    const post = await run('learned', undefined, owner, { text: 'Generators are lazy' });
    const learning = () =>
      db().selectFrom('learnings').selectAll().where('user_id', '=', owner.id).executeTakeFirstOrThrow();
    const before = await learning();
    const discuss = customIdsOf(post.components).find((id) => id.startsWith('learned:discuss:'))!;

    const reply = await buttonReply(bot.double, {
      customId: discuss,
      message: post.message,
      user: stranger.id,
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Discussion opened: <#\d+>$/);
    const after = await learning();
    expect(after.thread_id).not.toBeNull();
    expect({ ...after, thread_id: null }).toEqual(before);
  });

  it('GIVEN the /learned modal submitted as another member THEN the learning is theirs, never the member’s who opened it', async () => {
    CLOCK.advance(BETWEEN_CASES_MS);
    ownerCount += 1;
    const owner = newMember(`owner-${ownerCount}`);
    const modal = await (
      await bot.double.interact(bot.double.slash({ name: 'learned', user: owner.id }))
    ).modal();
    const submit = bot.double.modalSubmit({
      customId: modal.custom_id,
      fields: { text: 'Not mine to post' },
    });
    const reply = await (await bot.double.interact(sentBy(submit, stranger))).final();
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.author?.name).toBe('stranger');
    const posted = await db()
      .selectFrom('learnings')
      .select('user_id')
      .where('text', '=', 'Not mine to post')
      .execute();
    expect(posted).toEqual([{ user_id: stranger.id }]);
  });
});
