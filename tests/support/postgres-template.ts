import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgresDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { databaseUrl, serverUrl } from './postgres.js';

/**
 * globalSetup of the PostgreSQL projects: migrates the template that project's test databases
 * are copied from, once per run, so a fresh database costs a file copy instead of the migrations.
 */
export default async function setup(project: TestProject): Promise<void> {
  const template = project.config.env.WAYMARK_TEST_TEMPLATE;
  if (!template) throw new Error('WAYMARK_TEST_TEMPLATE is not set for this project (vitest.config.ts)');
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.query(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  const handle = openPostgresDatabase(databaseUrl(template), 1);
  try {
    await migrateToLatest(handle.db);
  } finally {
    // A database with a connection open cannot be copied.
    await handle.close();
  }
}
