import { DiscordDouble, shardOf } from '@waymark/discord-double';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPostgresDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { TEST_TOKEN } from '../support/bot.js';
import { aboutWhen, digestsIn, scheduleDigestsDueNow, serversOnEveryShard } from '../support/fleet.js';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/postgres.js';
import { type BotProcess, exitOf, startClusterProcess } from '../support/process.js';

const SHARDS = 4;
const SERVERS_PER_SHARD = 2;
/** Shards 0 and 2 share identify bucket 0, shards 1 and 3 bucket 1: the two machines must take turns. */
const MAX_CONCURRENCY = 2;
const UP = /^2 processes · 4 of 4 shards up/;

interface LogLine {
  msg: string;
  job?: string;
  firing?: string;
}

/**
 * Two machines (one launcher each: SHARD_LIST=0-1 and SHARD_LIST=2-3, one process of 2 shards
 * each) on one PostgreSQL database and one Discord: 2 processes × 2 shards, 8 servers. One
 * fleet for every assertion, since starting one takes most of the time.
 */
describe.skipIf(!process.env.WAYMARK_TEST_POSTGRES_URL)('many machines on one PostgreSQL database', () => {
  let double: DiscordDouble;
  let database: DatabaseHandle;
  let name: string;
  const launchers: BotProcess[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    name = await createEmptyDatabase();
    database = openPostgresDatabase(databaseUrl(name), 2);
    await migrateToLatest(database.db);
  });

  afterAll(async () => {
    for (const launcher of launchers.filter((running) => running.exitCode === null)) {
      const exited = exitOf(launcher);
      launcher.kill('SIGTERM');
      await exited;
    }
    await double?.close();
    await database?.close();
    if (name) await dropDatabase(name);
  });

  function launch(shardList: string): BotProcess {
    const launcher = startClusterProcess(
      {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: double.restUrl,
        DATABASE_URL: databaseUrl(name),
        DATABASE_POOL_SIZE: '4',
        SHARD_LIST: shardList,
        SHARDS_PER_PROCESS: '2',
        // The scheduler says at debug which process ran each fleet-wide firing.
        LOG_LEVEL: 'debug',
      },
      'pipe',
    );
    let pending = '';
    launcher.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      logs.push(...lines);
    });
    launchers.push(launcher);
    return launcher;
  }

  it('GIVEN SHARD_LIST=0-1 and SHARD_LIST=2-3 THEN each server is answered by its shard’s process, digests post once (a killed process’s late), fleet-wide jobs run once per firing, IDENTIFYs take turns', async () => {
    double = await DiscordDouble.start({
      token: TEST_TOKEN,
      shards: SHARDS,
      maxConcurrency: MAX_CONCURRENCY,
      enforceIdentifyRateLimit: true,
    });
    const d = double;
    const guilds = serversOnEveryShard(d, SHARDS, SERVERS_PER_SHARD);
    const channelOf = (guildId: string) => d.state.guildChannels(guildId)[0]!.id;
    const firstHalf = guilds.filter((guildId) => shardOf(guildId, SHARDS) < 2);
    const secondHalf = guilds.filter((guildId) => shardOf(guildId, SHARDS) >= 2);
    // The first machine's servers are due as it starts; the second's come due while it runs.
    await scheduleDigestsDueNow(database.db, d, firstHalf);

    launch('0-1');
    const second = launch('2-3');
    await d.waitForShards(SHARDS, 60_000);

    const processOfShard = new Map<number, string>();
    for (const guildId of guilds) {
      const shard = shardOf(guildId, SHARDS);
      const fields = await aboutWhen(d, channelOf(guildId), (f) => UP.test(f.Fleet ?? ''));
      const owned = shard < 2 ? '0-1' : '2-3';
      expect(fields['This process']).toMatch(
        new RegExp(` · shards ${owned} of 4 · this server on shard ${shard}$`),
      );
      expect(fields.Fleet).toMatch(UP);
      processOfShard.set(shard, fields['This process']!.split(' · ')[0]!);
    }
    expect(processOfShard.get(0)).toBe(processOfShard.get(1));
    expect(processOfShard.get(2)).toBe(processOfShard.get(3));
    expect(processOfShard.get(0)).not.toBe(processOfShard.get(2));

    const digests = (guildId: string) => digestsIn(d, channelOf(guildId)).length;
    await d.waitFor(() => (firstHalf.every((guildId) => digests(guildId) >= 1) ? true : undefined), {
      timeoutMs: 20_000,
    });
    expect(guilds.map(digests)).toEqual(guilds.map((guildId) => (firstHalf.includes(guildId) ? 1 : 0)));

    // The second machine's servers come due; its process is SIGKILLed before its next digest
    // pass. Its launcher starts it again, and that start run posts them: late, once.
    await scheduleDigestsDueNow(database.db, d, secondHalf);
    const killed = processOfShard.get(2)!;
    process.kill(Number(killed.split('/').at(-1)), 'SIGKILL');
    const afterRestart = await aboutWhen(d, channelOf(secondHalf[0]!), (f) => {
      const process = f['This process']?.split(' · ')[0];
      return process !== undefined && process !== killed && UP.test(f.Fleet ?? '');
    });
    expect(afterRestart['This process']?.split(' · ')[0]).not.toBe(killed);
    expect(afterRestart.Fleet).toMatch(UP);
    await d.waitFor(() => (secondHalf.every((guildId) => digests(guildId) >= 1) ? true : undefined), {
      timeoutMs: 20_000,
    });
    expect(guilds.map(digests)).toEqual(guilds.map(() => 1));
    const runs = await database.db
      .selectFrom('digest_runs')
      .select(['guild_id', 'status', 'slot_at', 'posted_at'])
      .where('guild_id', 'in', secondHalf)
      .execute();
    expect(runs.map((run) => run.status)).toEqual(secondHalf.map(() => 'posted'));
    for (const run of runs)
      expect(new Date(run.posted_at!).getTime()).toBeGreaterThan(new Date(run.slot_at).getTime());

    // Fleet-wide jobs: each firing run by exactly one process of the three that started.
    const fleetLines = logs
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
      .filter(
        (line) =>
          line.msg === 'this process runs this firing' || line.msg === 'another process ran this firing',
      );
    const firings = new Map<string, { ran: number; skipped: number }>();
    for (const line of fleetLines) {
      const key = `${line.job} ${line.firing}`;
      const counts = firings.get(key) ?? { ran: 0, skipped: 0 };
      if (line.msg === 'this process runs this firing') counts.ran += 1;
      else counts.skipped += 1;
      firings.set(key, counts);
    }
    expect([...firings.keys()].some((key) => key.startsWith('backup-database '))).toBe(true);
    for (const counts of firings.values()) expect(counts.ran).toBe(1);
    expect(
      [...firings.values()].reduce((sum, counts) => sum + counts.ran + counts.skipped, 0),
    ).toBeGreaterThanOrEqual(3);

    // Six IDENTIFYs (four shards, two again after the restart), never two in a bucket within 5 s.
    expect(d.gateway.rateLimitedIdentifies).toBe(0);
    const byBucket = new Map<number, number[]>();
    for (const identify of d.gateway.identifies) {
      const bucket = identify.shard![0] % MAX_CONCURRENCY;
      byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), identify.at]);
    }
    for (const times of byBucket.values()) {
      for (let i = 1; i < times.length; i += 1)
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(5_000);
    }

    for (const launcher of launchers) {
      const exited = exitOf(launcher);
      launcher.kill('SIGTERM');
      expect((await exited).code).toBe(0);
    }
    expect(second.exitCode).toBe(0);
    d.assertNoUnhandledRequests();
  }, 150_000);
});
