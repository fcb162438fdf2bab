import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlashInput } from '@waymark/discord-double';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { copyDatabase } from '../../src/db/copy.js';
import { fixedClock } from '../../src/shared/clock.js';
import { addTestMember, startTestBot, type TestBot } from '../support/bot.js';
import { testDatabaseTarget } from '../support/database.js';
import { installPythonTemplate, slashReply } from '../support/interact.js';

// Moving a community: everything members did on SQLite, copied with db:copy's copyDatabase into
// the project's dialect (PostgreSQL in e2e-pg, which is the move that matters), is there for the
// bot started on the copy, as members see it through Discord.
describe('moving a community with db:copy', () => {
  const folder = join(tmpdir(), `waymark-copy-${process.pid}-${Date.now()}`);
  const sourcePath = join(folder, 'source.sqlite');
  const targetPath = join(folder, 'target.sqlite');
  const clock = fixedClock('2026-11-18T10:00:00Z');
  let bot: TestBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('GIVEN a community on SQLite copied into an empty database THEN the bot started on it has every member’s progress, learnings, streaks and digest history, and new rows get fresh ids', async () => {
    const source = await startTestBot({
      clock,
      config: { database: { dialect: 'sqlite', path: sourcePath } },
    });
    const { double } = source;
    const run = (input: SlashInput) => slashReply(double, input, { timeoutMs: 15_000 });
    const admin = double.users.admin.id;
    const ada = addTestMember(double, { username: 'ada', globalName: 'Ada Lovelace' }).id;
    const [first, second, third, fourth] = await installPythonTemplate(double);
    if (!first || !second || !third || !fourth) throw new Error('the template has fewer than four items');

    // Two weeks of activity: a streak of 2 for ada, 1 for the admin.
    await run({ name: 'check', user: ada, options: { item: first } });
    await run({
      name: 'learned',
      user: ada,
      options: { text: 'The asyncio event loop runs one callback at a time' },
    });
    await run({ name: 'goal', subcommand: 'set', user: ada, options: { text: 'Finish the basics' } });
    await run({ name: 'feedback', subcommand: 'request', user: ada, options: { topic: 'My first parser' } });
    clock.advance(7 * 24 * 60 * 60 * 1000);
    await run({ name: 'check', user: ada, options: { item: second } });
    await run({ name: 'check', user: ada, options: { item: third, status: 'learning' } });
    await run({ name: 'check', user: admin, options: { item: first } });
    await run({
      name: 'learned',
      user: admin,
      options: { text: 'Decorators wrap functions', tags: 'python' },
    });
    const channel = double.state.guildChannels(double.guild.id)[0]?.id ?? '';
    await run({
      name: 'digest',
      subcommand: 'setup',
      user: admin,
      options: { channel: { channel }, day: 'monday', hour: 9 },
    });
    expect((await run({ name: 'digest', subcommand: 'send', user: admin })).content).toContain(
      'Posted this week’s digest (`2026-W48`)',
    );
    const lastEventId = Number(
      (
        await source.ctx.db
          .selectFrom('activity_events')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id,
    );
    await source.app.stop();

    const target = await testDatabaseTarget(targetPath);
    const from = openDatabase({ dialect: 'sqlite', path: sourcePath });
    const to = openDatabase(target.target);
    try {
      const counts = await copyDatabase(from.db, to.db);
      expect(counts.find((count) => count.table === 'learnings')).toEqual({
        table: 'learnings',
        source: 2,
        target: 2,
      });
    } finally {
      await Promise.all([from.close(), to.close()]);
    }

    const moved = await startTestBot({ clock, double, databasePath: targetPath });
    // The first bot started the double both talk to: stopping it (already stopped) closes the double.
    bot = {
      ...moved,
      async stop() {
        await moved.stop();
        await source.stop();
      },
    };

    const view = await run({ name: 'roadmap', subcommand: 'view', user: ada });
    expect(JSON.stringify(view.embeds)).toContain('2/47');
    const found = await run({ name: 'learnings', user: admin, options: { search: 'event loops' } });
    expect(JSON.stringify(found.embeds)).toContain('asyncio event loop');
    const tagged = await run({ name: 'learnings', user: ada, options: { search: 'python' } });
    expect(JSON.stringify(tagged.embeds)).toContain('Decorators wrap functions');
    const journey = await run({ name: 'journey', user: ada });
    const fields = Object.fromEntries(
      (journey.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields['Weekly streak']).toBe('🔥 2 weeks · longest 2 weeks');
    expect(fields.Feedback).toBe('given 0 · received 0 · 1 open requests');
    const status = await run({ name: 'digest', subcommand: 'status', user: admin });
    expect(JSON.stringify(status.embeds)).toContain('2026-W48');
    expect((await run({ name: 'digest', subcommand: 'send', user: admin })).content).toContain(
      'already posted',
    );

    await run({ name: 'check', user: ada, options: { item: fourth } });
    const newest = await bot.ctx.db
      .selectFrom('activity_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(newest.item_id).toBe(Number(fourth));
    expect(newest.id).toBeGreaterThan(lastEventId);
  });
});
