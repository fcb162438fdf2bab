import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Dialect } from '../../src/db/connection.js';

/**
 * The dialect this Vitest project runs on: the PostgreSQL projects set WAYMARK_TEST_DIALECT and
 * get WAYMARK_TEST_POSTGRES_URL from scripts/with-postgres.sh (vitest.config.ts).
 */
export const TEST_DIALECT: Dialect = process.env.WAYMARK_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Every test database is a copy of this one, migrated once per run by each PostgreSQL project
 * (tests/support/postgres-template.ts), under a name of the project's so they never race.
 */
export function templateDatabase(): string {
  const name = process.env.WAYMARK_TEST_TEMPLATE;
  if (!name) throw new Error('WAYMARK_TEST_TEMPLATE is not set: PostgreSQL tests run in the -pg projects');
  return name;
}

export function serverUrl(): string {
  const url = process.env.WAYMARK_TEST_POSTGRES_URL;
  if (!url) throw new Error('WAYMARK_TEST_POSTGRES_URL is not set: run the tests with npm run test:pg');
  return url;
}

/** The server's URL, pointed at another database on it. */
export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

let admin: Promise<pg.Client> | undefined;

/** One connection per worker for creating and dropping databases; CREATE DATABASE cannot share a pool's transaction. */
function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: serverUrl() });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  })();
  return admin;
}

let created = 0;

/**
 * A new database, a copy of the migrated template, named so parallel workers never collide.
 * FILE_COPY copies the template's files: about 45 ms against 350 ms for PostgreSQL 15's default
 * (WAL_LOG, which writes every page to the log), and the checkpoint it needs costs nothing on a
 * server without fsync.
 */
export async function createDatabaseFromTemplate(
  name = `waymark_test_${process.pid}_${++created}`,
): Promise<string> {
  await (await adminClient()).query(
    `create database "${name}" template "${templateDatabase()}" strategy file_copy`,
  );
  return name;
}

/** A new database with nothing in it, as a new SQLite file is. */
export async function createEmptyDatabase(): Promise<string> {
  const name = `waymark_test_${process.pid}_${++created}`;
  await (await adminClient()).query(`create database "${name}" strategy file_copy`);
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await (await adminClient()).query(`drop database if exists "${name}" with (force)`);
}

/**
 * The database standing in for a SQLite file a test shares between bots (a restart): the same
 * path gives the same database, created empty the first time it is asked for, as the file would be.
 */
export async function databaseForPath(path: string): Promise<string> {
  const name = `waymark_file_${createHash('sha256').update(path).digest('hex').slice(0, 24)}`;
  const client = await adminClient();
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await client.query(`create database "${name}" strategy file_copy`);
  return name;
}
