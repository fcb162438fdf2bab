import type { FinalResponse, OptionInput } from '@waymark/discord-double';
import type { APIInteraction, APIMessageComponentInteraction, APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { findFollowedRoadmap } from '../../src/roadmaps/followed-roadmap.js';
import { listRoadmapSummaries } from '../../src/roadmaps/roadmap-queries.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestGuild, type TestGuild, useTestBot } from '../support/bot.js';
import { customIdsOf } from '../support/interact.js';
import { seedRoadmap, setItemStatusDirectly } from '../support/roadmap.js';

const clock = fixedClock('2026-12-01T10:00:00.000Z');
const bot = useTestBot({ clock });
/** Each test's own guild with `python` (its default) and `web`, which the member follows. */
let guild: TestGuild;
let webItems: Map<string, number>;

beforeEach(async () => {
  guild = addTestGuild(bot.double);
  const seed = (name: string, labels: string[]) =>
    seedRoadmap(bot.ctx.db, {
      guildId: guild.id,
      createdBy: guild.admin.id,
      now: clock.now(),
      name,
      title: name,
      phases: { Basics: labels },
    });
  await seed('python', ['Variables', 'Loops']);
  webItems = (await seed('web', ['HTML', 'CSS'])).items;
  await reply('roadmap', 'follow', { roadmap: 'web' }, guild.member);
});

async function run(name: string, subcommand: string, options: Record<string, OptionInput>, user: APIUser) {
  // Time moves on between commands, as it does for people, staying within the per-member budgets.
  clock.advance(5_000);
  return bot.double.interact(
    bot.double.slash({ name, subcommand, options, user, channelId: guild.channelId }),
  );
}

async function reply(name: string, subcommand: string, options: Record<string, OptionInput>, user: APIUser) {
  return (await run(name, subcommand, options, user)).final();
}

const admin = (subcommand: string, options: Record<string, OptionInput> = {}) =>
  reply('roadmap', subcommand, options, guild.admin);

async function roadmapChoices(subcommand: string, user: APIUser = guild.admin) {
  const handle = await bot.double.interact(
    bot.double.autocomplete({
      name: 'roadmap',
      subcommand,
      focused: 'roadmap',
      options: { roadmap: '' },
      user,
      channelId: guild.channelId,
    }),
  );
  return (await handle.choices()).map((choice) => choice.name);
}

/** Every roadmap of the guild, archived ones included, with what an admin change touches. */
async function roadmaps() {
  return (await listRoadmapSummaries(bot.ctx.db, guild.id, { includeArchived: true })).map((roadmap) => ({
    name: roadmap.name,
    is_default: roadmap.is_default,
    archived: roadmap.archived_at !== null,
  }));
}

/** Everything a delete would remove, to show that a refused or cancelled one removed nothing. */
async function snapshot() {
  const db = bot.ctx.db;
  return {
    roadmaps: await roadmaps(),
    items: await db.selectFrom('roadmap_items').select('id').orderBy('id').execute(),
    progress: await db
      .selectFrom('member_progress')
      .selectAll()
      .where('guild_id', '=', guild.id)
      .orderBy('item_id')
      .execute(),
    follows: await db.selectFrom('member_roadmaps').selectAll().where('guild_id', '=', guild.id).execute(),
    log: await db.selectFrom('roadmap_admin_log').selectAll().where('guild_id', '=', guild.id).execute(),
  };
}

async function memberSets(label: string, status: 'done' | 'learning') {
  const itemId = webItems.get(label);
  if (itemId === undefined) throw new Error(`no item ${label}`);
  await setItemStatusDirectly(
    bot.ctx.db,
    { guildId: guild.id, userId: guild.member.id },
    itemId,
    status,
    clock.now(),
  );
}

async function followedName(user: APIUser = guild.member) {
  return (await findFollowedRoadmap(bot.ctx.db, guild.id, user.id))?.name;
}

describe('/roadmap import replace:True', () => {
  it('GIVEN a name no roadmap has THEN it is refused with the existing names and nothing is created', async () => {
    const before = await snapshot();
    const refused = await admin('import', {
      file: {
        attachment: bot.double.hostAttachment('wbe.md', 'text/markdown', '# Web\n\n## A\n\n- [ ] HTML\n'),
      },
      name: 'wbe',
      replace: true,
    });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/no roadmap named “wbe” to replace, so nothing was changed/);
    expect(refused.content).toMatch(/“python”, “web”/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('/roadmap default', () => {
  it('GIVEN another roadmap THEN it becomes the default members follow, recorded with who and when', async () => {
    const done = await admin('default', { roadmap: 'web' });
    expect(done.ephemeral).toBe(true);
    expect(done.content).toMatch(/\*\*web\*\* is now the server’s default roadmap/);
    expect((await roadmaps()).filter((roadmap) => roadmap.is_default === 1).map((r) => r.name)).toEqual([
      'web',
    ]);
    const newcomer = bot.double.addUser({ username: 'newcomer' });
    expect(await followedName(newcomer)).toBe('web');
    const [entry] = (await snapshot()).log;
    expect(entry).toMatchObject({
      action: 'default',
      user_id: guild.admin.id,
      occurred_at: clock.now().toISOString(),
    });
  });

  it('GIVEN a member without Manage Server THEN it is refused and nothing changes', async () => {
    const before = await snapshot();
    const refused = await reply('roadmap', 'default', { roadmap: 'web' }, guild.member);
    expect(refused.content).toBe('/roadmap default needs the Manage Server permission.');
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN a name no roadmap has THEN it is refused naming the roadmaps there are', async () => {
    const before = await snapshot();
    const refused = await admin('default', { roadmap: 'rust' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(
      /No roadmap of this server is named “rust”\. Its roadmaps: \*\*python\*\*, \*\*web\*\*\./,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('/roadmap rename', () => {
  it('GIVEN a new name THEN the roadmap, its items and its followers carry on under it', async () => {
    const done = await admin('rename', { roadmap: 'web', name: 'Frontend' });
    expect(done.content).toBe('Renamed **web** to **Frontend**.');
    expect(await followedName()).toBe('Frontend');
    expect((await snapshot()).log).toMatchObject([{ action: 'rename', detail: 'web → Frontend' }]);
  });

  it('GIVEN the name of another roadmap, in any case THEN it is refused and nothing changes', async () => {
    const before = await snapshot();
    const refused = await admin('rename', { roadmap: 'web', name: 'PYTHON' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('This server already has a roadmap named **python**. Pick another name.');
    expect(await snapshot()).toEqual(before);
  });
});

describe('/roadmap archive and restore', () => {
  it('GIVEN an archived roadmap THEN it leaves the list, the choices and follow; its followers fall back to the default with progress kept; restore brings it back', async () => {
    await memberSets('HTML', 'done');
    const archived = await admin('archive', { roadmap: 'web' });
    expect(archived.content).toMatch(/^Archived \*\*web\*\*: it is hidden/);
    expect(await followedName()).toBe('python');
    expect((await reply('roadmap', 'list', {}, guild.member)).embeds[0]?.description ?? '').not.toMatch(
      /web/,
    );
    expect(await roadmapChoices('follow', guild.member)).toEqual([
      expect.stringMatching(/^python \(default\)/),
    ]);
    expect(await roadmapChoices('restore')).toEqual([expect.stringMatching(/^web \(archived\)/)]);
    const follow = await reply('roadmap', 'follow', { roadmap: 'web' }, guild.member);
    expect(follow.content).toMatch(/No roadmap by that name/);

    const restored = await admin('restore', { roadmap: 'web' });
    expect(restored.content).toMatch(/^Restored \*\*web\*\*/);
    expect(await followedName()).toBe('web');
    expect((await snapshot()).progress).toMatchObject([{ item_id: webItems.get('HTML'), status: 'done' }]);
    expect((await snapshot()).log.map((entry) => entry.action)).toEqual(['archive', 'restore']);
  });

  it('GIVEN the default roadmap THEN archiving it is refused, naming /roadmap default', async () => {
    const before = await snapshot();
    const refused = await admin('archive', { roadmap: 'python' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(
      /is the server’s default roadmap, so it cannot be archived\. .*`\/roadmap default`/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN a roadmap that is not archived THEN restore is refused', async () => {
    const refused = await admin('restore', { roadmap: 'web' });
    expect(refused.content).toBe('**web** is not archived.');
  });
});

describe('/roadmap delete', () => {
  async function prompt() {
    await memberSets('CSS', 'learning');
    return admin('delete', { roadmap: 'web' });
  }

  async function press(shown: FinalResponse, action: 'confirm' | 'cancel', as?: APIUser) {
    const customId = customIdsOf(shown.components).find((id) => id.startsWith(`roadmap:delete-${action}:`));
    if (!customId) throw new Error(`no ${action} button`);
    const payload = bot.double.button({ customId, message: shown.message }) as APIMessageComponentInteraction;
    // Only its admin sees the ephemeral prompt; a click by anyone else is a forged one.
    if (as) payload.member = { ...payload.member!, user: as };
    return (await bot.double.interact(payload as APIInteraction)).final();
  }

  it('GIVEN a roadmap THEN the prompt says what would be lost, and confirming deletes it and moves its followers to the default', async () => {
    const shown = await prompt();
    expect(shown.ephemeral).toBe(true);
    expect(shown.content).toMatch(/^Delete \*\*web\*\* \(2 items\)\?/);
    expect(shown.content).toMatch(/1 member follows it/);
    expect(shown.content).toMatch(/1 member loses their progress/);
    expect(shown.content).toMatch(/0 learnings are tied to its items/);
    expect(shown.components[0]).toMatchObject({
      components: [{ label: 'Delete roadmap' }, { label: 'Cancel' }],
    });

    const deleted = await press(shown, 'confirm');
    expect(deleted.content).toMatch(/^Deleted \*\*web\*\*/);
    expect(deleted.components).toEqual([]);
    expect((await roadmaps()).map((roadmap) => roadmap.name)).toEqual(['python']);
    expect(await followedName()).toBe('python');
    expect((await snapshot()).progress).toEqual([]);
    expect((await snapshot()).log).toMatchObject([
      { action: 'delete', detail: 'web', user_id: guild.admin.id },
    ]);
  });

  it('GIVEN the prompt cancelled THEN nothing changes and the buttons go away', async () => {
    const shown = await prompt();
    const before = await snapshot();
    const cancelled = await press(shown, 'cancel');
    expect(cancelled.content).toBe('Cancelled. Nothing was deleted.');
    expect(cancelled.components).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN the button pressed by someone else THEN it is refused and nothing changes', async () => {
    const shown = await prompt();
    const before = await snapshot();
    const refused = await press(shown, 'confirm', guild.member);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/belong to someone else/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN the prompt older than five minutes THEN deleting is refused and nothing changes', async () => {
    const shown = await prompt();
    const before = await snapshot();
    clock.advance(5 * 60_000 + 1_000);
    const refused = await press(shown, 'confirm');
    expect(refused.content).toMatch(/expired and nothing was deleted/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN the default roadmap THEN deleting it is refused before any prompt, naming /roadmap default', async () => {
    const refused = await admin('delete', { roadmap: 'python' });
    expect(refused.content).toMatch(/cannot be deleted\. .*`\/roadmap default`/);
    expect(refused.components).toEqual([]);
  });

  it('GIVEN the roadmap made the default after the prompt THEN confirming is refused', async () => {
    const shown = await prompt();
    await admin('default', { roadmap: 'web' });
    const before = await snapshot();
    const refused = await press(shown, 'confirm');
    expect(refused.content).toMatch(/cannot be deleted/);
    expect(await snapshot()).toEqual(before);
  });
});
