import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble, shardOf } from '@waymark/discord-double';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { TEST_TOKEN } from '../support/bot.js';
import { aboutWhen, digestsIn, scheduleDigestsDueNow, serversOnEveryShard } from '../support/fleet.js';
import { type BotProcess, exitOf, startClusterProcess } from '../support/process.js';

const SHARDS = 4;
const SERVERS_PER_SHARD = 2;

describe('the cluster launcher (npm run start:cluster)', () => {
  let double: DiscordDouble | undefined;
  let launcher: BotProcess | undefined;
  afterEach(async () => {
    if (launcher && launcher.exitCode === null) {
      const exited = exitOf(launcher);
      launcher.kill('SIGTERM');
      await exited;
    }
    launcher = undefined;
    await double?.close();
    double = undefined;
  });

  it('GIVEN a SHARD_LIST that leaves out shards on SQLite THEN it refuses with one line and starts nothing', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN, shards: SHARDS });
    const dir = mkdtempSync(join(tmpdir(), 'waymark-cluster-'));
    launcher = startClusterProcess({
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: double.restUrl,
      DATABASE_URL: join(dir, 'waymark.sqlite'),
      SHARD_LIST: '0-1',
    });
    const { code } = await exitOf(launcher);
    expect(code).toBe(1);
    const lines = launcher.stderrText().trim().split('\n');
    expect(lines).toEqual([
      'waymark: SHARD_LIST 0-1 leaves out some of the 4 shards: SQLite serves one machine, so one launcher runs them all (0-3)',
    ]);
    expect(double.gateway.identifies).toEqual([]);
  });

  it('GIVEN 2 processes × 2 shards and 8 servers THEN each server is served by its shard’s process, digests post once, a killed process comes back', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN, shards: SHARDS, maxConcurrency: SHARDS });
    const { double: d } = { double };
    const guilds = serversOnEveryShard(d, SHARDS, SERVERS_PER_SHARD);
    expect(guilds).toHaveLength(SHARDS * SERVERS_PER_SHARD);
    const channelOf = (guildId: string) => d.state.guildChannels(guildId)[0]!.id;

    // Every server's weekly digest is due now (this hour, saved a week ago): each process's
    // start run posts those of its own shards.
    const dir = mkdtempSync(join(tmpdir(), 'waymark-cluster-'));
    const databasePath = join(dir, 'waymark.sqlite');
    const database = openSqliteDatabase(databasePath);
    await migrateToLatest(database.db);
    await scheduleDigestsDueNow(database.db, d, guilds);
    await database.close();

    const backups = join(dir, 'backups');
    launcher = startClusterProcess({
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: d.restUrl,
      DATABASE_URL: databasePath,
      SHARDS_PER_PROCESS: '2',
      BACKUP_DAILY: 'true',
      BACKUP_DIR: backups,
    });
    await d.waitForShards(SHARDS, 40_000);
    await d.waitFor(() => d.commandsOf().find((command) => command.name === 'about'), { timeoutMs: 10_000 });
    expect(d.commandPuts.global).toBe(1);

    // Each server is answered by the process that runs its shard; /about lists both processes.
    const processOfShard = new Map<number, string>();
    for (const guildId of guilds) {
      const shard = shardOf(guildId, SHARDS);
      const fields = await aboutWhen(
        d,
        channelOf(guildId),
        (f) => f.Fleet?.startsWith('2 processes · 4 of 4') ?? false,
      );
      const owned = shard < 2 ? '0-1' : '2-3';
      expect(fields['This process']).toMatch(
        new RegExp(` · shards ${owned} of 4 · this server on shard ${shard}$`),
      );
      expect(fields.Fleet).toMatch(/^2 processes · 4 of 4 shards up/);
      processOfShard.set(shard, fields['This process']!.split(' · ')[0]!);
    }
    expect(processOfShard.get(0)).toBe(processOfShard.get(1));
    expect(processOfShard.get(2)).toBe(processOfShard.get(3));
    expect(processOfShard.get(0)).not.toBe(processOfShard.get(2));

    const digests = (guildId: string) => digestsIn(d, channelOf(guildId));
    await d.waitFor(() => (guilds.every((guildId) => digests(guildId).length >= 1) ? true : undefined), {
      timeoutMs: 20_000,
    });
    expect(guilds.map((guildId) => digests(guildId).length)).toEqual(guilds.map(() => 1));
    // The backup is fleet-wide: one process took it, at start, for this hour's firing.
    expect(readdirSync(backups)).toHaveLength(1);

    // SIGKILL the process of shards 2-3: the launcher starts it again and it serves them.
    const killed = processOfShard.get(2)!;
    process.kill(Number(killed.split('/').at(-1)), 'SIGKILL');
    const [, thirdGuild] = guilds.filter((guildId) => shardOf(guildId, SHARDS) === 2);
    const afterRestart = await aboutWhen(d, channelOf(thirdGuild ?? guilds[0]!), (f) => {
      const name = f['This process']?.split(' · ')[0];
      return name !== undefined && name !== killed && (f.Fleet?.startsWith('2 processes · 4 of 4') ?? false);
    });
    expect(afterRestart['This process']?.split(' · ')[0]).not.toBe(killed);
    expect(afterRestart.Fleet).toMatch(/^2 processes · 4 of 4 shards up/);
    // Its start run posted nothing twice, and took no second backup.
    expect(guilds.map((guildId) => digests(guildId).length)).toEqual(guilds.map(() => 1));
    expect(readdirSync(backups)).toHaveLength(1);

    const exited = exitOf(launcher);
    const stoppedAt = Date.now();
    launcher.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await d.waitFor(() => (d.gateway.readyShards(SHARDS).length === 0 ? true : undefined), {
      timeoutMs: 5_000,
    });
    d.assertNoUnhandledRequests();
  }, 120_000);
});
