import pg from 'pg';
import { openPostgresDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { databaseUrl, serverUrl, TEMPLATE_DATABASE } from './postgres.js';

/**
 * Vitest globalSetup of the PostgreSQL projects: migrates the template every test database is
 * copied from, once per run, so a fresh database costs a file copy instead of the migrations.
 */
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const template = openPostgresDatabase(databaseUrl(TEMPLATE_DATABASE), 1);
  try {
    await migrateToLatest(template.db);
  } finally {
    // Copies refuse a template that has a connection open.
    await template.close();
  }
}
