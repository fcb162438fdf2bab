import { sql } from 'kysely';
import type { Db } from './connection.js';

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  migrations: number;
}

export async function checkDatabaseHealth(db: Db): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const row = await db
      .selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return { ok: true, latencyMs: performance.now() - started, migrations: Number(row.count) };
  } catch {
    return { ok: false, latencyMs: performance.now() - started, migrations: 0 };
  }
}
