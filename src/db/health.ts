import { sql } from 'kysely';
import type { Db } from './connection.js';
import { preparedQuery } from './prepared-query.js';

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  migrations: number;
}

const countMigrations = preparedQuery((db) =>
  db
    .selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('count')),
);

export async function checkDatabaseHealth(db: Db): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const row = await countMigrations.executeTakeFirstOrThrow(db, {});
    return { ok: true, latencyMs: performance.now() - started, migrations: Number(row.count) };
  } catch {
    return { ok: false, latencyMs: performance.now() - started, migrations: 0 };
  }
}
