import type { OptionInput } from '@waymark/discord-double';
import type { APIUser } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordActivity } from '../../src/core/record-activity.js';
import { findMemberPreferences } from '../../src/core/settings-queries.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, useTestBot } from '../support/bot.js';
import { autocompleteChoices, slashReply } from '../support/interact.js';
import { seedRoadmap, setItemStatusDirectly } from '../support/roadmap.js';

describe('/settings and /journey through the Discord double', () => {
  const clock = fixedClock('2026-11-25T10:00:00Z');
  let member: APIUser;
  let peer: APIUser;

  const bot = useTestBot({ clock }, async () => {
    member = bot.double.users.member;
    peer = addTestMember(bot.double, { username: 'peer' });
    const roadmap = await seedRoadmap(bot.ctx.db, {
      guildId: bot.double.guild.id,
      createdBy: bot.double.users.admin.id,
      phases: {
        Foundations: ['Variables', 'Control flow', 'Functions', 'Modules'],
        'Going further': ['Decorators', 'Generators'],
      },
      now: clock.now(),
    });
    const self = { guildId: bot.double.guild.id, userId: member.id };
    for (const label of ['Variables', 'Control flow']) {
      await setItemStatusDirectly(bot.ctx.db, self, roadmap.items.get(label)!, 'done', clock.now());
    }
    await setItemStatusDirectly(bot.ctx.db, self, roadmap.items.get('Functions')!, 'skipped', clock.now());
    const activity = (userId: string, kind: 'item_status' | 'feedback_given', at: string, target?: string) =>
      recordActivity(
        bot.ctx.db,
        {
          guild_id: bot.double.guild.id,
          user_id: userId,
          kind,
          occurred_at: at,
          target_user_id: target ?? null,
        },
        'UTC',
      );
    await activity(member.id, 'item_status', '2026-11-10T10:00:00Z');
    await activity(member.id, 'item_status', '2026-11-17T10:00:00Z');
    await activity(member.id, 'feedback_given', '2026-11-24T10:00:00Z', peer.id);
    await activity(peer.id, 'feedback_given', '2026-11-24T11:00:00Z', member.id);
    await activity(bot.double.users.admin.id, 'feedback_given', '2026-11-24T12:00:00Z', member.id);
  });
  beforeEach(() => {
    clock.advance(60_000);
  });

  const slash = (name: string, user: string, options: Record<string, OptionInput> = {}) =>
    slashReply(bot.double, { name, user, options });

  it('GIVEN /settings without options THEN the member privately sees their settings and the server’s', async () => {
    const reply = await slash('settings', member.id);
    expect(reply.ephemeral).toBe(true);
    const fields = Object.fromEntries(
      (reply.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(reply.embeds[0]?.title).toBe('Your settings');
    expect(fields).toMatchObject({
      'Time zone': 'not set (the server uses UTC)',
      'Public profile': 'on',
      Nudges: 'off',
    });
  });

  it('GIVEN a time zone typed in part THEN autocomplete offers matching IANA names', async () => {
    const choices = await autocompleteChoices(bot.double, {
      name: 'settings',
      user: member.id,
      focused: 'timezone',
      options: { timezone: 'berl' },
    });
    expect(choices).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
  });

  it('GIVEN an unknown time zone THEN /settings refuses it and changes nothing', async () => {
    const reply = await slash('settings', member.id, { timezone: 'Mars/Olympus_Mons', nudges: true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/not a time zone I know/);
    expect(await findMemberPreferences(bot.ctx.db, bot.double.guild.id, member.id)).toMatchObject({
      timezone: null,
      nudges: false,
    });
  });

  it('GIVEN a valid time zone in any case THEN it is saved in its canonical spelling', async () => {
    const reply = await slash('settings', member.id, { timezone: 'europe/berlin' });
    expect(reply.embeds[0]?.title).toBe('Settings saved');
    expect(reply.embeds[0]?.fields?.[0]?.value).toBe('Europe/Berlin');
  });

  it('GIVEN /journey THEN one embed shows progress per phase, the streak, goals and feedback, with a PNG card', async () => {
    await bot.double.interact(
      bot.double.slash({
        name: 'goal',
        subcommand: 'set',
        user: member.id,
        options: { text: 'Write a generator' },
      }),
    );
    await slashReply(bot.double, {
      name: 'project',
      subcommand: 'add',
      user: member.id,
      options: { title: 'CLI todo app', tech: 'Python, Typer', status: 'active' },
    });
    await slash('learned', member.id, { text: 'List comprehensions read like set notation' });
    const reply = await slash('journey', member.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds).toHaveLength(1);
    const embed = reply.embeds[0]!;
    expect(embed.description).toContain(`<@${member.id}>`);
    expect(embed.description).toContain('Following **Python developer**\n**Overall** ▰▰▰▰▰▱▱▱▱▱ 50% · 3/6');
    expect(embed.description).toContain('**Foundations**\n▰▰▰▰▰▰▰▱▱▱ 75% · 3/4');
    expect(embed.description).toContain('**Going further**\n▱▱▱▱▱▱▱▱▱▱ 0% · 0/2');
    const fields = Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Weekly streak']).toBe('🔥 3 weeks · longest 3 weeks');
    expect(fields.Feedback).toBe('given 1 · received 2 · 0 open requests');
    expect(fields['Goals this week (0/1 done)']).toBe('⬜ Write a generator');
    expect(fields.Projects).toContain('**CLI todo app** · Python, Typer');
    expect(fields['Recent learnings']).toMatch(/^<t:\d+:d> List comprehensions read like set notation$/);
    expect(embed.image?.url).toBe('attachment://journey.png');
    const [card] = reply.attachments;
    expect(card?.filename).toBe('journey.png');
    expect(card?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('GIVEN a member with a private profile THEN others are politely refused and the member still sees it', async () => {
    await slash('settings', peer.id, { 'public-profile': false });
    const refused = await slash('journey', member.id, { member: { user: peer.id } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(
      `<@${peer.id}> keeps their profile private, so only they and the server’s moderators can see it.`,
    );
    expect(refused.allowedMentions?.parse).toEqual([]);
    const own = await slash('journey', peer.id);
    expect(own.embeds[0]?.title).toBe('Journey');
  });

  it('GIVEN a public profile THEN another member can see the journey', async () => {
    const reply = await slash('journey', peer.id, { member: { user: member.id } });
    expect(reply.embeds[0]?.description).toContain(`<@${member.id}>`);
  });
});
