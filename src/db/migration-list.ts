import type { Migration } from 'kysely';
import * as foundation from '../../migrations/2026-11-26-001-foundation.js';
import * as roadmaps from '../../migrations/2026-11-26-002-roadmaps.js';
import * as sharing from '../../migrations/2026-11-26-003-sharing.js';
import * as accountability from '../../migrations/2026-11-26-004-accountability.js';
import * as digest from '../../migrations/2026-11-26-005-digest.js';
import * as uniqueTitlesAndUrls from '../../migrations/2026-12-01-001-unique-titles-and-urls.js';
import * as roadmapVersion from '../../migrations/2026-12-01-003-roadmap-version.js';
import * as roadmapAdmin from '../../migrations/2026-12-01-004-roadmap-admin.js';
import * as itemTopics from '../../migrations/2026-12-02-001-item-topics.js';
import * as pendingImports from '../../migrations/2026-12-02-002-pending-imports.js';
import * as outbox from '../../migrations/2026-12-02-003-outbox.js';
import * as jobClaims from '../../migrations/2026-12-02-004-job-claims.js';
import * as heartbeats from '../../migrations/2026-12-02-005-heartbeats.js';
import * as identifyBuckets from '../../migrations/2026-12-02-006-identify-buckets.js';

/**
 * Every migration in migrations/, by the name `kysely_migration` records (its file's, without the
 * extension). A list rather than a folder read at start: bundled (scripts/build.mjs), the
 * migrations are one chunk the bot loads only to migrate, instead of a file each. A new migration
 * is added here; tests/core/migrations.test.ts checks that the list and the folder agree.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-26-001-foundation': foundation,
  '2026-11-26-002-roadmaps': roadmaps,
  '2026-11-26-003-sharing': sharing,
  '2026-11-26-004-accountability': accountability,
  '2026-11-26-005-digest': digest,
  '2026-12-01-001-unique-titles-and-urls': uniqueTitlesAndUrls,
  '2026-12-01-003-roadmap-version': roadmapVersion,
  '2026-12-01-004-roadmap-admin': roadmapAdmin,
  '2026-12-02-001-item-topics': itemTopics,
  '2026-12-02-002-pending-imports': pendingImports,
  '2026-12-02-003-outbox': outbox,
  '2026-12-02-004-job-claims': jobClaims,
  '2026-12-02-005-heartbeats': heartbeats,
  '2026-12-02-006-identify-buckets': identifyBuckets,
};
