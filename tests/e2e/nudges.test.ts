import type { APIUser } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { recordActivity } from '../../src/core/record-activity.js';
import { nudgeQuietMembersJob } from '../../src/discord/jobs/nudge-job.js';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { seedRoadmap, setItemStatusDirectly } from '../support/roadmap.js';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-11-25T10:00:00Z');

describe('nudges through the Discord double', () => {
  const clock = fixedClock(new Date(START));
  let member: APIUser;
  let closedDms: APIUser;

  const bot = useTestBot({ clock }, async () => {
    member = bot.double.users.member;
    closedDms = bot.double.addUser({ username: 'private-person' });
    bot.double.addMember(closedDms.id);
    bot.double.closeDms(closedDms.id);
    const roadmap = await seedRoadmap(bot.ctx.db, {
      guildId: bot.double.guild.id,
      createdBy: bot.double.users.admin.id,
      phases: {
        Foundations: ['Install Python', 'Variables and types', 'Control flow', 'Functions', 'Modules'],
      },
      now: clock.now(),
    });
    await setItemStatusDirectly(
      bot.ctx.db,
      { guildId: bot.double.guild.id, userId: member.id },
      roadmap.items.get('Install Python')!,
      'done',
      clock.now(),
    );
  });

  const at = (days: number) => clock.set(new Date(START + days * DAY));
  const runJob = () => nudgeQuietMembersJob.run(bot.ctx);
  const settings = async (user: string, options: Record<string, string | number | boolean>) =>
    (await bot.double.interact(bot.double.slash({ name: 'settings', user, options }))).final();
  const memberIsActive = (kind: 'learning_shared' | 'item_status') =>
    recordActivity(
      bot.ctx.db,
      { guild_id: bot.double.guild.id, user_id: member.id, kind, occurred_at: clock.now().toISOString() },
      'UTC',
    );
  const dmAttempts = (userId: string) =>
    bot.double.requests.filter(
      (request) =>
        request.method === 'POST' &&
        request.path === '/users/@me/channels' &&
        (request.body as { recipient_id?: string } | undefined)?.recipient_id === userId,
    ).length;

  it('GIVEN members who opted in but a server that has not THEN nobody is nudged', async () => {
    await settings(member.id, { nudges: true });
    await settings(closedDms.id, { nudges: true });
    at(10);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toEqual([]);
    expect(dmAttempts(member.id)).toBe(0);
  });

  it('GIVEN a member without Manage Server THEN turning server nudges on is refused', async () => {
    const reply = await settings(member.id, { 'server-nudges': true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Manage Server/);
  });

  it('GIVEN an admin turns nudges on THEN a member quiet for 7 days gets one DM with their next items, once', async () => {
    at(0);
    await settings(member.id, { nudges: true });
    await settings(closedDms.id, { nudges: true });
    const reply = await settings(bot.double.users.admin.id, { 'server-nudges': true, 'silence-days': 7 });
    expect(reply.embeds[0]?.fields?.find((field) => field.name === 'Server')?.value).toContain('Nudges on');
    const publicMessages = bot.double.messagesIn(bot.double.channels.general.id).length;

    at(6.9);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toEqual([]);

    at(7.01);
    await runJob();
    const dms = bot.double.dmsTo(member.id);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.content).toContain('7 days');
    expect(dms[0]?.content).toContain('• Variables and types\n• Control flow\n• Functions');
    expect(dms[0]?.content).not.toContain('Install Python');
    expect(dms[0]?.allowedMentions?.parse).toEqual([]);

    at(8);
    await runJob();
    at(20);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(1);
    expect(bot.double.messagesIn(bot.double.channels.general.id)).toHaveLength(publicMessages);
  });

  it('GIVEN new activity after a nudge THEN the next nudge waits for a new full silence', async () => {
    at(21);
    await memberIsActive('learning_shared');
    at(27.9);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(1);
    at(28.01);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(2);
  });

  it('GIVEN a member with closed DMs THEN the refusal is recorded quietly and not retried until new activity', async () => {
    const attempts = dmAttempts(closedDms.id);
    expect(attempts).toBeGreaterThan(0);
    expect(bot.double.dmsTo(closedDms.id)).toEqual([]);
    const stored = await bot.ctx.db
      .selectFrom('member_nudges')
      .selectAll()
      .where('user_id', '=', closedDms.id)
      .executeTakeFirst();
    expect(stored?.outcome).toBe('dms_closed');
    bot.double.openDms(closedDms.id);
    at(40);
    await runJob();
    expect(dmAttempts(closedDms.id)).toBe(attempts);
    expect(bot.double.dmsTo(closedDms.id)).toEqual([]);
  });

  it('GIVEN night time in the member’s own time zone THEN the nudge waits for their morning', async () => {
    at(41);
    await settings(member.id, { timezone: 'Asia/Tokyo' });
    const before = bot.double.dmsTo(member.id).length;
    clock.set(new Date(START + 48 * DAY + 4 * 60 * 60 * 1000)); // 14:00 UTC = 23:00 in Tokyo
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(before);
    clock.set(new Date(START + 49 * DAY - 10 * 60 * 60 * 1000)); // 00:00 UTC = 09:00 in Tokyo
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(before + 1);
  });

  it('GIVEN Discord failing while a nudge is sent THEN it is not counted as sent and the next run retries', async () => {
    at(50);
    await memberIsActive('item_status');
    const before = bot.double.dmsTo(member.id).length;
    const dmChannelId = bot.double.dmsTo(member.id)[0]?.channel_id;
    bot.double.failNext({
      method: 'POST',
      path: `/channels/${dmChannelId}/messages`,
      status: 502,
      times: 10,
    });
    at(57.01);
    await runJob();
    bot.double.clearFaults();
    expect(bot.double.dmsTo(member.id)).toHaveLength(before);
    at(57.05);
    await runJob();
    expect(bot.double.dmsTo(member.id)).toHaveLength(before + 1);
  });

  it('GIVEN an opted-in member who left the server THEN they are not nudged, and the check is not repeated', async () => {
    const departed = bot.double.addUser({ username: 'departed' });
    at(60);
    await bot.ctx.db
      .insertInto('member_settings')
      .values({
        guild_id: bot.double.guild.id,
        user_id: departed.id,
        nudges: 1,
        updated_at: clock.now().toISOString(),
      })
      .execute();
    await recordActivity(
      bot.ctx.db,
      {
        guild_id: bot.double.guild.id,
        user_id: departed.id,
        kind: 'learning_shared',
        occurred_at: clock.now().toISOString(),
      },
      'UTC',
    );
    const memberLookups = () =>
      bot.double.requests.filter(
        (request) => request.path === `/guilds/${bot.double.guild.id}/members/${departed.id}`,
      ).length;
    at(67.05);
    await runJob();
    expect(dmAttempts(departed.id)).toBe(0);
    const stored = await bot.ctx.db
      .selectFrom('member_nudges')
      .selectAll()
      .where('user_id', '=', departed.id)
      .executeTakeFirst();
    expect(stored?.outcome).toBe('left_server');
    const lookups = memberLookups();
    at(70);
    await runJob();
    expect(memberLookups()).toBe(lookups);
    expect(dmAttempts(departed.id)).toBe(0);
  });
});
