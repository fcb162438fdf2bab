import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/db/compiled-once.js';
import { useTestDatabase } from '../support/database.js';

describe('a query compiled once per database', () => {
  const handle = useTestDatabase();

  async function addGuilds(...guildIds: string[]) {
    for (const guildId of guildIds) {
      await handle.db
        .insertInto('guild_settings')
        .values({ guild_id: guildId, timezone: `Zone/${guildId}`, updated_at: '2026-12-02T00:00:00.000Z' })
        .execute();
    }
  }

  it('GIVEN runs with different values THEN each run reads with its own, in every position', async () => {
    await addGuilds('g1', 'g2', 'g3');
    const zones = compiledOnce(['first', 'second'], (db, { first, second }) =>
      db
        .selectFrom('guild_settings')
        .select('timezone')
        .where((eb) => eb.or([eb('guild_id', '=', first), eb('guild_id', '=', second)]))
        .orderBy('guild_id'),
    );
    const read = async (first: string, second: string) =>
      (await zones(handle.db, { first, second })).map((row) => row.timezone);
    expect(await read('g1', 'g3')).toEqual(['Zone/g1', 'Zone/g3']);
    expect(await read('g2', 'nowhere')).toEqual(['Zone/g2']);
    expect(await read('g3', 'g1')).toEqual(['Zone/g1', 'Zone/g3']);
  });

  it('GIVEN a value the query would write into its SQL, or one it never uses THEN it refuses, before running anything', async () => {
    const inlined = compiledOnce(['guildId'], (db, { guildId }) =>
      db.selectFrom('guild_settings').select('timezone').where('guild_id', '=', sql.lit(guildId)),
    );
    await expect(inlined(handle.db, { guildId: 'g1' })).rejects.toThrow(
      /"guildId" must be a bound parameter of the query/,
    );
    const unused = compiledOnce(['guildId'], (db) => db.selectFrom('guild_settings').select('timezone'));
    await expect(unused(handle.db, { guildId: 'g1' })).rejects.toThrow(/"guildId" must be a bound parameter/);
  });
});
