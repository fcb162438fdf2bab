import { describe, expect, it } from 'vitest';
import { guildOnOwnedShard } from '../../src/db/shard-filter.js';
import { findActiveDigestSchedules, saveDigestSchedule } from '../../src/digest/digest-schedules.js';
import { findNudgeCandidates } from '../../src/nudges/nudges-queries.js';
import {
  formatShardList,
  ownsEveryShard,
  parseShardList,
  type ShardOwnership,
  shardOfGuild,
} from '../../src/shared/shards.js';
import { useTestDatabase } from '../support/database.js';

/**
 * Real-sized snowflakes (2024–2026), far above 2^53: as JavaScript numbers their low bits, and so
 * their shards, would be wrong.
 */
const GUILD_IDS = [
  '1180000000000000001',
  '1234567890123456789',
  // One below a multiple of 2^22: rounded to a double it crosses into the next shard.
  '1258291200004194303',
  '1300000000000004194',
  '1312345678901234567',
  '1387654321098765432',
  '1400000000000000000',
  '1422222222222222222',
  '1444444444444444444',
  '1456789012345678901',
  '1499999999999999999',
];

describe('SHARD_LIST', () => {
  it('GIVEN ranges, single ids or both THEN it lists the shards sorted, once each', () => {
    expect(parseShardList('0-7', 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parseShardList('0,2,4', 8)).toEqual([0, 2, 4]);
    expect(parseShardList(' 4, 0-2 ,1 ', 8)).toEqual([0, 1, 2, 4]);
    expect(parseShardList('', 3)).toEqual([0, 1, 2]);
  });

  it.each([
    ['0-8', 8, 'shard 8 does not exist: with 8 shards the ids are 0-7'],
    ['3-1', 8, 'the range 3-1 runs backwards'],
    ['a', 8, '"a" is not a shard id or a range such as 0-7'],
    ['1,,2', 8, '"" is not a shard id or a range such as 0-7'],
    ['-1', 8, '"-1" is not a shard id or a range such as 0-7'],
    ['1.5', 8, '"1.5" is not a shard id or a range such as 0-7'],
  ])('GIVEN %j with %i shards THEN it is refused: %s', (text, count, message) => {
    expect(() => parseShardList(text, count)).toThrow(message);
  });

  it('names a set of shards as ranges', () => {
    expect(formatShardList([0, 1, 2, 3, 6])).toBe('0-3,6');
    expect(formatShardList([5])).toBe('5');
    expect(formatShardList([])).toBe('');
  });

  it('computes a guild’s shard from all 64 bits', () => {
    // (300000000001 · 2^22 − 1) >> 22 = 300000000000; as a double the id rounds up to 300000000001 · 2^22.
    expect(shardOfGuild('1258291200004194303', 1000)).toBe(0);
    expect(Math.floor(Number('1258291200004194303') / 2 ** 22) % 1000).toBe(1);
    expect(shardOfGuild('1234567890123456789', 1)).toBe(0);
  });
});

describe('a process reads only its own shards’ servers (in SQL)', () => {
  const handle = useTestDatabase();

  async function seedSchedules(): Promise<void> {
    for (const guildId of GUILD_IDS) {
      await saveDigestSchedule(handle.db, {
        guild_id: guildId,
        channel_id: '1200000000000000000',
        day: 1,
        hour: 9,
        timezone: 'UTC',
        updated_by: '1100000000000000000',
        updated_at: '2026-11-01T00:00:00.000Z',
      });
    }
  }

  it.each([2, 3, 4, 7, 16])(
    'GIVEN %i shards THEN each shard’s query returns exactly its guilds',
    async (count) => {
      await seedSchedules();
      const seen: string[] = [];
      for (let shard = 0; shard < count; shard += 1) {
        const rows = await findActiveDigestSchedules(handle.db, { count, owned: [shard] });
        const ids = rows.map((row) => row.guild_id).sort();
        expect(ids).toEqual(GUILD_IDS.filter((id) => shardOfGuild(id, count) === shard).sort());
        seen.push(...ids);
      }
      expect(seen.sort()).toEqual([...GUILD_IDS].sort());
    },
  );

  it('GIVEN several owned shards THEN their guilds together; owning every shard adds no filter', async () => {
    await seedSchedules();
    const shards: ShardOwnership = { count: 4, owned: [1, 3] };
    const rows = await findActiveDigestSchedules(handle.db, shards);
    expect(rows.map((row) => row.guild_id).sort()).toEqual(
      GUILD_IDS.filter((id) => [1, 3].includes(shardOfGuild(id, 4))).sort(),
    );
    expect(ownsEveryShard({ count: 2, owned: [0, 1] })).toBe(true);
    expect(await findActiveDigestSchedules(handle.db, { count: 2, owned: [0, 1] })).toHaveLength(
      GUILD_IDS.length,
    );
  });

  it('the filter is plain SQL both databases read: cast to bigint, shift, modulo, in', () => {
    const compiled = handle.db
      .selectFrom('digest_schedules')
      .select('guild_id')
      .where(guildOnOwnedShard({ count: 4, owned: [1, 3] }))
      .compile();
    expect(compiled.sql).toContain('((cast("guild_id" as bigint) >> 22) % 4) in (1, 3)');
  });

  it('GIVEN a joined query THEN the filter names the table it applies to', async () => {
    // No candidates, but the query runs: the aliased column resolves in SQLite.
    expect(await findNudgeCandidates(handle.db, 'UTC', { count: 4, owned: [2] })).toEqual([]);
  });
});
