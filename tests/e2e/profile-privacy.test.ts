import type { FinalResponse, OptionInput } from '@waymark/discord-double';
import { describe, expect, it } from 'vitest';
import { type SharingBot, useSharingBot } from '../sharing/sharing-bot.js';

/** What the private member keeps: none of it may reach a peer's screen. */
const SECRET = {
  learning: 'Closures capture variables, not values',
  project: 'Secret garden planner',
  goal: 'Finish chapter nine',
};

const BOT_REFUSAL = 'Bots don’t follow roadmaps or keep anything in Waymark. Pick a member instead.';

async function run(
  bot: SharingBot,
  command: string,
  user: string,
  options: Record<string, OptionInput> = {},
): Promise<FinalResponse> {
  const [name = '', subcommand] = command.split(' ');
  const handle = await bot.double.interact(
    bot.double.slash({ name, ...(subcommand ? { subcommand } : {}), user, options }),
  );
  return handle.final({ timeoutMs: 10_000 });
}

function expectRefusedPrivately(reply: FinalResponse, content: string): void {
  expect(reply.ephemeral).toBe(true);
  expect(reply.content).toBe(content);
  expect(reply.embeds).toEqual([]);
  expect(reply.attachments).toEqual([]);
  expect(reply.components).toEqual([]);
  expect(reply.allowedMentions?.parse).toEqual([]);
}

interface ShownCase {
  label: string;
  command: string;
  options(privateId: string, projectId: string): Record<string, OptionInput>;
  /** What the member and a moderator see: the member's own data. */
  expectShown(reply: FinalResponse): void;
}

const memberOption = (privateId: string) => ({ member: { user: privateId } });
const descriptionOf = (reply: FinalResponse) => reply.embeds[0]?.description ?? '';

const SHOWN: readonly ShownCase[] = [
  {
    label: '/roadmap view member:',
    command: 'roadmap view',
    options: memberOption,
    expectShown: (reply) => expect(JSON.stringify(reply.embeds)).toContain('100%'),
  },
  {
    label: '/roadmap export member:',
    command: 'roadmap export',
    options: memberOption,
    expectShown: (reply) =>
      expect(reply.attachments[0]?.data.toString('utf8')).toContain('- [x] List comprehensions'),
  },
  {
    label: '/learnings member:',
    command: 'learnings',
    options: memberOption,
    expectShown: (reply) => expect(descriptionOf(reply)).toContain(SECRET.learning),
  },
  {
    label: '/project list member:',
    command: 'project list',
    options: memberOption,
    expectShown: (reply) => expect(descriptionOf(reply)).toContain(SECRET.project),
  },
  {
    label: '/project show of their project',
    command: 'project show',
    options: (_privateId, projectId) => ({ project: projectId }),
    expectShown: (reply) => expect(reply.embeds[0]?.title).toBe(SECRET.project),
  },
  {
    label: '/goal list member:',
    command: 'goal list',
    options: memberOption,
    expectShown: (reply) => expect(descriptionOf(reply)).toContain(SECRET.goal),
  },
  {
    label: '/journey member:',
    command: 'journey',
    options: memberOption,
    expectShown: (reply) => expect(JSON.stringify(reply.embeds)).toContain(SECRET.project),
  },
];

describe('public-profile:false and bots as members, through the Discord double', () => {
  let projectId = '';
  const bot = useSharingBot(async (bot) => {
    const owner = bot.otherId;
    await run(bot, 'check', owner, { item: String(bot.itemId) });
    await run(bot, 'learned', owner, { text: SECRET.learning });
    await run(bot, 'project add', owner, { title: SECRET.project });
    const project = await bot.ctx.db
      .selectFrom('projects')
      .select('id')
      .where('user_id', '=', owner)
      .executeTakeFirstOrThrow();
    projectId = String(project.id);
    await run(bot, 'goal set', owner, { text: SECRET.goal });
    await run(bot, 'settings', owner, { 'public-profile': false });
  });
  const privateRefusal = () =>
    `<@${bot.otherId}> keeps their profile private, so only they and the server’s moderators can see it.`;
  const publicMessages = () => bot.double.messagesIn(bot.double.channels.general.id).length;

  it.each(SHOWN)(
    'GIVEN a member with a private profile THEN $label is refused to a peer, privately and revealing nothing',
    async ({ command, options }) => {
      const before = publicMessages();
      const reply = await run(bot, command, bot.double.users.member.id, options(bot.otherId, projectId));
      expectRefusedPrivately(reply, privateRefusal());
      for (const secret of Object.values(SECRET)) expect(JSON.stringify(reply)).not.toContain(secret);
      expect(publicMessages()).toBe(before);
    },
  );

  it.each(SHOWN)(
    'GIVEN a member with a private profile THEN $label still shows it to the member themself',
    async ({ command, options, expectShown }) => {
      const reply = await run(bot, command, bot.otherId, options(bot.otherId, projectId));
      expect(reply.ephemeral).toBe(true);
      expectShown(reply);
    },
  );

  it.each(SHOWN)(
    'GIVEN a member with a private profile THEN $label still shows it to a moderator with Manage Server',
    async ({ command, options, expectShown }) => {
      const reply = await run(bot, command, bot.double.users.admin.id, options(bot.otherId, projectId));
      expect(reply.ephemeral).toBe(true);
      expectShown(reply);
    },
  );

  it('GIVEN a member with a private profile THEN even a moderator cannot share their progress in the channel', async () => {
    const before = publicMessages();
    const reply = await run(bot, 'roadmap view', bot.double.users.admin.id, {
      member: { user: bot.otherId },
      share: true,
    });
    expectRefusedPrivately(reply, privateRefusal());
    expect(publicMessages()).toBe(before);
  });

  it('GIVEN a member with a private profile THEN /project autocomplete leaves their projects out for peers only', async () => {
    const titles = async (user: string) => {
      const handle = await bot.double.interact(
        bot.double.autocomplete({ name: 'project', subcommand: 'show', user, focused: 'project' }),
      );
      return (await handle.choices()).map((choice) => choice.name).join('\n');
    };
    expect(await titles(bot.double.users.member.id)).not.toContain(SECRET.project);
    expect(await titles(bot.otherId)).toContain(SECRET.project);
    expect(await titles(bot.double.users.admin.id)).toContain(SECRET.project);
  });

  it('GIVEN a member with a private profile THEN /roadmap view offers a peer none of the phases of the roadmap they follow', async () => {
    const phases = async (user: string) => {
      const handle = await bot.double.interact(
        bot.double.autocomplete({
          name: 'roadmap',
          subcommand: 'view',
          user,
          focused: 'phase',
          options: { member: { user: bot.otherId } },
        }),
      );
      return (await handle.choices()).map((choice) => choice.name);
    };
    expect(await phases(bot.double.users.member.id)).toEqual([]);
    expect(await phases(bot.otherId)).toEqual(['Basics']);
    expect(await phases(bot.double.users.admin.id)).toEqual(['Basics']);
  });

  const BOT_CASES = [
    ...SHOWN.filter((row) => row.command !== 'project show').map((row) => ({
      label: row.label,
      command: row.command,
      admin: false,
    })),
    { label: '/privacy purge member:', command: 'privacy purge', admin: true },
  ];

  it.each(BOT_CASES)(
    'GIVEN a bot as the member THEN $label refuses it privately and changes nothing',
    async ({ command, admin }) => {
      const someBot = bot.double.addUser({ username: 'SomeBot', bot: true });
      bot.double.addMember(someBot.id);
      const before = publicMessages();
      const viewer = admin ? bot.double.users.admin.id : bot.double.users.member.id;
      const reply = await run(bot, command, viewer, { member: { user: someBot.id } });
      expectRefusedPrivately(reply, BOT_REFUSAL);
      expect(publicMessages()).toBe(before);
      const rows = await bot.ctx.db
        .selectFrom('activity_events')
        .select('id')
        .where('user_id', '=', someBot.id)
        .execute();
      expect(rows).toEqual([]);
    },
  );
});
