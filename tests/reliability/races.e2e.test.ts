import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscordDouble } from '@waymark/discord-double';
import { afterEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/discord/jobs/digest-job.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, startTestBot, type TestBot } from '../support/bot.js';
import { slashReply } from '../support/interact.js';
import { TEST_DIALECT } from '../support/postgres.js';
import { seedRoadmap } from '../support/roadmap.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

// What SQLite never showed: two processes (here two bots, each with its own pool of real
// connections) writing to one PostgreSQL database at the same moment. SQLite serves one process.
describe.skipIf(TEST_DIALECT !== 'postgres')('two bots on one PostgreSQL database', () => {
  const databasePath = join(tmpdir(), `waymark-races-${process.pid}-${Date.now()}.sqlite`);
  const bots: TestBot[] = [];
  afterEach(async () => {
    // The first bot started the double: it stops last, closing it.
    for (const bot of bots.reverse()) await bot.stop();
    bots.length = 0;
    rmSync(databasePath, { force: true });
  });

  it('GIVEN two digest passes claiming the same week at once THEN the digest posts once, week after week', async () => {
    const clock = fixedClock('2026-11-25T10:00:00Z');
    const first = await startTestBot({ clock, databasePath: `${databasePath}-digest` });
    bots.push(first);
    const { double } = first;
    const admin = double.users.admin.id;
    const channel = double.state.guildChannels(double.guild.id)[0]?.id ?? '';
    const roadmap = await seedRoadmap(first.ctx.db, {
      guildId: double.guild.id,
      createdBy: admin,
      now: clock.now(),
      phases: { Basics: ['Variables', 'Loops'] },
    });
    await slashReply(double, {
      name: 'digest',
      subcommand: 'setup',
      user: admin,
      options: { channel: { channel }, day: 'monday', hour: 9 },
    });
    const second = await startTestBot({ clock, double, databasePath: `${databasePath}-digest` });
    bots.push(second);

    const slots = ['2026-11-30T09:00:30Z', '2026-12-07T09:00:30Z', '2026-12-14T09:00:30Z'];
    for (const [week, slot] of slots.entries()) {
      clock.set(new Date(Date.parse(slot) - WEEK_MS / 2));
      await slashReply(double, {
        name: 'check',
        user: admin,
        options: { item: String([...roadmap.items.values()][week % 2]) },
      });
      clock.set(slot);
      const passes = await Promise.all([runDueDigests(first.ctx), runDueDigests(second.ctx)]);
      expect(passes.flatMap((pass) => pass.posted)).toHaveLength(1);
      expect(digestPosts(double, channel)).toHaveLength(week + 1);
    }
    const runs = await first.ctx.db
      .selectFrom('digest_runs')
      .select(['slot_key', 'status'])
      .orderBy('slot_key')
      .execute();
    expect(runs).toEqual([
      { slot_key: '2026-W49', status: 'posted' },
      { slot_key: '2026-W50', status: 'posted' },
      { slot_key: '2026-W51', status: 'posted' },
    ]);
  });

  it('GIVEN 200 /checks sent at once to two processes, one per shard THEN every one is applied once, with exact progress and streaks', async () => {
    const clock = fixedClock('2026-11-24T10:00:00Z');
    // The first bot migrates and registers the commands, as the cluster launcher does, then
    // makes way for the two processes that each run one of two shards.
    const setup = await startTestBot({ clock, databasePath });
    bots.push(setup);
    const { double } = setup;
    const items = ['Variables', 'Loops', 'Functions', 'Classes'];
    const guilds = await Promise.all(
      [0, 1].map(async (shard) => {
        const guild = double.addGuild({ shard: [shard, 2] });
        const roadmap = await seedRoadmap(setup.ctx.db, {
          guildId: guild.id,
          createdBy: double.users.admin.id,
          now: clock.now(),
          phases: { Basics: items },
        });
        const members = Array.from({ length: 25 }, (_, index) =>
          addTestMember(double, { username: `m${shard}-${index}` }, { guildId: guild.id }),
        );
        return { id: guild.id, channel: double.state.guildChannels(guild.id)[0]?.id ?? '', roadmap, members };
      }),
    );
    await setup.app.stop();
    for (const shard of [0, 1]) {
      bots.push(await startTestBot({ clock, double, databasePath, cluster: { ids: [shard], count: 2 } }));
    }
    await double.waitForShards(2);

    // Two rounds a week apart, 100 checks each, two items per member per round.
    for (const round of [0, 1]) {
      const replies = await Promise.all(
        guilds.flatMap((guild) =>
          guild.members.flatMap((member) =>
            items.slice(round * 2, round * 2 + 2).map(async (label) => {
              const interaction = double.slash({
                name: 'check',
                user: member.id,
                channelId: guild.channel,
                options: { item: String(guild.roadmap.items.get(label)) },
              });
              return (await double.interact(interaction)).final({ timeoutMs: 15_000 });
            }),
          ),
        ),
      );
      expect(replies).toHaveLength(100);
      for (const reply of replies) expect(reply.content).toContain(`Weekly streak: 🔥 ${round + 1}`);
      clock.advance(WEEK_MS);
    }

    const db = bots[1]?.ctx.db;
    if (!db) throw new Error('no bot');
    const events = await db
      .selectFrom('activity_events')
      .select(['guild_id', 'user_id', 'item_id'])
      .where('kind', '=', 'item_status')
      .execute();
    expect(events).toHaveLength(200);
    expect(new Set(events.map((event) => `${event.user_id}:${event.item_id}`)).size).toBe(200);
    const progress = await db.selectFrom('member_progress').select('status').execute();
    expect(progress).toHaveLength(200);
    expect(progress.every((row) => row.status === 'done')).toBe(true);
    const streaks = await db
      .selectFrom('member_streaks')
      .select(['current_weeks', 'longest_weeks'])
      .execute();
    expect(streaks).toHaveLength(50);
    expect(streaks.every((streak) => streak.current_weeks === 2 && streak.longest_weeks === 2)).toBe(true);
    for (const guild of guilds) {
      const view = await slashReply(double, {
        name: 'roadmap',
        subcommand: 'view',
        user: guild.members[0]?.id ?? '',
        channelId: guild.channel,
      });
      expect(JSON.stringify(view.embeds)).toContain('4/4');
    }
  });
});

function digestPosts(double: DiscordDouble, channelId: string) {
  return double
    .messagesIn(channelId)
    .filter((message) => message.embeds[0]?.footer?.text?.startsWith('Waymark weekly digest'));
}
