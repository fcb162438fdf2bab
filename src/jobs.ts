import type { AppContext } from './context.js';
import {
  backupDatabase,
  deleteBackups,
  isBackupDue,
  listBackups,
  selectExpiredBackups,
} from './db/backup.js';
import { deleteJobClaimsBefore } from './db/job-claims.js';
import { deliverPostsJob } from './discord/jobs/deliver-posts-job.js';
import { digestJob } from './discord/jobs/digest-job.js';
import { heartbeatJob } from './discord/jobs/heartbeat-job.js';
import { nudgeQuietMembersJob } from './discord/jobs/nudge-job.js';
import { deleteViewStatesBefore } from './discord/view-state.js';
import { markMissedGoalsJob } from './goals/missed-goals-job.js';
import { deletePendingImportsBefore, PENDING_IMPORT_LIFETIME_MS } from './roadmaps/pending-import.js';
import type { ScheduledJob } from './scheduler.js';

const VIEW_STATE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** Claims only need to outlive the race for their firing; two weeks leaves a readable history. */
const JOB_CLAIM_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Pagination buttons older than two weeks stop working; their stored filters go with them. So do
 * re-import previews nobody applied or cancelled, whose buttons expired long before.
 */
export const pruneViewStatesJob: ScheduledJob = {
  name: 'prune-view-states',
  cron: '17 3 * * *',
  runOnStart: false,
  fleetWide: true,
  async run(ctx: AppContext) {
    const now = ctx.clock.now().getTime();
    await deleteViewStatesBefore(ctx.db, new Date(now - VIEW_STATE_LIFETIME_MS));
    await deletePendingImportsBefore(ctx.db, new Date(now - PENDING_IMPORT_LIFETIME_MS));
  },
};

export const pruneJobClaimsJob: ScheduledJob = {
  name: 'prune-job-claims',
  cron: '19 3 * * *',
  runOnStart: false,
  fleetWide: true,
  async run(ctx: AppContext) {
    await deleteJobClaimsBefore(ctx.db, new Date(ctx.clock.now().getTime() - JOB_CLAIM_LIFETIME_MS));
  },
};

/**
 * With BACKUP_DAILY=true: a backup about once a day, then retention. It checks hourly and at
 * start whether one is due, so a backup missed while the bot was down is taken when it is back.
 */
export const backupDatabaseJob: ScheduledJob = {
  name: 'backup-database',
  cron: '41 * * * *',
  runOnStart: true,
  fleetWide: true,
  async run(ctx: AppContext) {
    const { backupDaily, backupDir, backupRetentionDays, database } = ctx.config;
    if (!backupDaily) return;
    const now = ctx.clock.now();
    if (isBackupDue(await listBackups(backupDir), now)) {
      ctx.logger.info({ path: await backupDatabase(database, backupDir, now) }, 'database backed up');
    }
    const expired = selectExpiredBackups(await listBackups(backupDir), now, backupRetentionDays);
    await deleteBackups(backupDir, expired);
    if (expired.length > 0) ctx.logger.info({ deleted: expired }, 'old backups deleted');
  },
};

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  heartbeatJob,
  deliverPostsJob,
  pruneViewStatesJob,
  pruneJobClaimsJob,
  backupDatabaseJob,
  digestJob,
  markMissedGoalsJob,
  nudgeQuietMembersJob,
];
