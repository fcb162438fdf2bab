import { describe, expect, it } from 'vitest';
import { planCluster } from '../../src/cluster.js';
import { loadClusterConfig } from '../../src/config.js';

const gateway = (shards: number, maxConcurrency = 1) => ({
  shards,
  session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: maxConcurrency },
});

describe('npm run start:cluster: the environment and the plan', () => {
  it('GIVEN nothing set THEN Discord’s recommended count, every shard, spread over the cores', () => {
    expect(planCluster(loadClusterConfig({}), gateway(8), 2, 'sqlite')).toEqual({
      shardCount: 8,
      shardList: [0, 1, 2, 3, 4, 5, 6, 7],
      shardsPerProcess: 4,
      spawnDelayMs: 22_000,
    });
  });

  it('GIVEN SHARD_COUNT and SHARDS_PER_PROCESS THEN those; with max_concurrency for every shard, no wait between processes', () => {
    const env = { SHARD_COUNT: '4', SHARDS_PER_PROCESS: '2', SHARD_LIST: '0-3' };
    expect(planCluster(loadClusterConfig(env), gateway(1, 16), 2, 'sqlite')).toEqual({
      shardCount: 4,
      shardList: [0, 1, 2, 3],
      shardsPerProcess: 2,
      spawnDelayMs: 0,
    });
  });

  it.each([
    [{ SHARD_COUNT: 'four' }, 'SHARD_COUNT must be a whole number, at least 1 (see .env.example)'],
    [{ SHARDS_PER_PROCESS: '0' }, 'SHARDS_PER_PROCESS must be a whole number, at least 1 (see .env.example)'],
  ])('GIVEN %j THEN one line naming the variable', (env, message) => {
    expect(() => loadClusterConfig(env)).toThrow(message);
  });

  it.each([
    ['0-4', 'SHARD_LIST shard 4 does not exist: with 4 shards the ids are 0-3'],
    [
      '0,2',
      'SHARD_LIST 0,2 leaves out some of the 4 shards: SQLite serves one machine, so one launcher runs them all (0-3)',
    ],
  ])('GIVEN SHARD_LIST=%s with 4 shards THEN it is refused: %s', (list, message) => {
    expect(() =>
      planCluster(loadClusterConfig({ SHARD_COUNT: '4', SHARD_LIST: list }), gateway(4), 2, 'sqlite'),
    ).toThrow(message);
  });

  it('GIVEN SHARD_LIST=2-3 of 4 shards on PostgreSQL THEN this machine runs shards 2 and 3 (another runs 0-1)', () => {
    const env = { SHARD_COUNT: '4', SHARD_LIST: '2-3' };
    expect(planCluster(loadClusterConfig(env), gateway(4, 2), 2, 'postgres')).toEqual({
      shardCount: 4,
      shardList: [2, 3],
      shardsPerProcess: 1,
      spawnDelayMs: 5_500,
    });
  });

  it('GIVEN a SHARD_LIST naming a shard that does not exist on PostgreSQL THEN it is refused all the same', () => {
    expect(() =>
      planCluster(loadClusterConfig({ SHARD_COUNT: '4', SHARD_LIST: '3-4' }), gateway(4), 2, 'postgres'),
    ).toThrow('SHARD_LIST shard 4 does not exist: with 4 shards the ids are 0-3');
  });
});
