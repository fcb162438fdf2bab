import { NoResultError, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { preparedQuery } from '../../src/db/prepared-query.js';
import { inTransaction } from '../../src/db/transaction.js';
import { useTestDatabase } from '../support/database.js';

const GUILD = '100000000000000001';

const saveTimezone = preparedQuery((db, p: { guildId: string; timezone: string; at: string }) =>
  db
    .insertInto('guild_settings')
    .values({ guild_id: p.guildId, timezone: p.timezone, updated_at: p.at })
    .onConflict((conflict) =>
      conflict.column('guild_id').doUpdateSet({ timezone: p.timezone, updated_at: p.at }),
    ),
);

const findTimezone = preparedQuery((db, p: { guildId: string }) =>
  db.selectFrom('guild_settings').select(['guild_id', 'timezone']).where('guild_id', '=', p.guildId),
);

/** A constant of the query (the 2) stays in place between the parameters. */
const findNudgeSettings = preparedQuery((db, p: { guildId: string; minimumDays: number }) =>
  db
    .selectFrom('guild_settings')
    .select('guild_id')
    .where('guild_id', '=', p.guildId)
    .where('nudges_enabled', '=', 1)
    .where('nudge_silence_days', '>=', p.minimumDays)
    .limit(2),
);

describe('preparedQuery (compiled once, run with new parameters)', () => {
  const handle = useTestDatabase();

  it('GIVEN different parameters on each run THEN each run uses its own', async () => {
    await saveTimezone.run(handle.db, {
      guildId: GUILD,
      timezone: 'Europe/Berlin',
      at: '2026-12-01T00:00:00Z',
    });
    await saveTimezone.run(handle.db, { guildId: '2', timezone: 'Asia/Tokyo', at: '2026-12-01T00:00:00Z' });
    await saveTimezone.run(handle.db, { guildId: GUILD, timezone: 'UTC', at: '2026-12-02T00:00:00Z' });
    expect(await findTimezone.execute(handle.db, { guildId: GUILD })).toEqual([
      { guild_id: GUILD, timezone: 'UTC' },
    ]);
    expect(await findTimezone.executeTakeFirst(handle.db, { guildId: '2' })).toEqual({
      guild_id: '2',
      timezone: 'Asia/Tokyo',
    });
    expect(await findTimezone.executeTakeFirst(handle.db, { guildId: '3' })).toBeUndefined();
    await expect(findTimezone.executeTakeFirstOrThrow(handle.db, { guildId: '3' })).rejects.toBeInstanceOf(
      NoResultError,
    );
  });

  it('GIVEN constants of the query between parameters THEN they keep their places', async () => {
    await handle.db
      .insertInto('guild_settings')
      .values([
        { guild_id: 'a', nudges_enabled: 1, nudge_silence_days: 10, updated_at: '2026-12-01T00:00:00Z' },
        { guild_id: 'b', nudges_enabled: 0, nudge_silence_days: 10, updated_at: '2026-12-01T00:00:00Z' },
      ])
      .execute();
    expect(await findNudgeSettings.execute(handle.db, { guildId: 'a', minimumDays: 7 })).toEqual([
      { guild_id: 'a' },
    ]);
    expect(await findNudgeSettings.execute(handle.db, { guildId: 'a', minimumDays: 14 })).toEqual([]);
    expect(await findNudgeSettings.execute(handle.db, { guildId: 'b', minimumDays: 7 })).toEqual([]);
  });

  it('GIVEN a transaction THEN the prepared statement runs in it and rolls back with it', async () => {
    await expect(
      inTransaction(handle.db, async (trx) => {
        await saveTimezone.run(trx, {
          guildId: GUILD,
          timezone: 'Europe/Berlin',
          at: '2026-12-01T00:00:00Z',
        });
        expect(await findTimezone.executeTakeFirst(trx, { guildId: GUILD })).toMatchObject({
          timezone: 'Europe/Berlin',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await findTimezone.executeTakeFirst(handle.db, { guildId: GUILD })).toBeUndefined();
  });

  it('GIVEN a parameter the query would write into its SQL THEN it refuses before running anything', async () => {
    const inlined = preparedQuery((db, p: { guildId: string }) =>
      db.selectFrom('guild_settings').select('timezone').where('guild_id', '=', sql.lit(p.guildId)),
    );
    await expect(inlined.execute(handle.db, { guildId: GUILD })).rejects.toThrow();
    const asRawSql = preparedQuery((db, p: { guildId: string }) =>
      db.selectFrom('guild_settings').select('timezone').where('guild_id', '=', sql.raw<string>(p.guildId)),
    );
    await expect(asRawSql.execute(handle.db, { guildId: GUILD })).rejects.toThrow(
      /"guildId" must be a bound parameter of the query/,
    );
  });

  it('GIVEN an optional parameter left out THEN it is bound as null', async () => {
    const insertSettings = preparedQuery((db, p: { guildId: string; timezone?: string | null; at: string }) =>
      db.insertInto('guild_settings').values({ guild_id: p.guildId, timezone: p.timezone, updated_at: p.at }),
    );
    await insertSettings.run(handle.db, { guildId: 'a', timezone: 'Asia/Tokyo', at: '2026-12-01T00:00:00Z' });
    await insertSettings.run(handle.db, { guildId: 'b', at: '2026-12-01T00:00:00Z' });
    expect(await findTimezone.execute(handle.db, { guildId: 'a' })).toEqual([
      { guild_id: 'a', timezone: 'Asia/Tokyo' },
    ]);
    expect(await findTimezone.execute(handle.db, { guildId: 'b' })).toEqual([
      { guild_id: 'b', timezone: null },
    ]);
  });
});
