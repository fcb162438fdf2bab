import type { AppContext } from './context.js';
import {
  backupDatabase,
  deleteBackups,
  isBackupDue,
  listBackups,
  selectExpiredBackups,
} from './db/backup.js';
import { digestJob } from './discord/jobs/digest-job.js';
import { nudgeQuietMembersJob } from './discord/jobs/nudge-job.js';
import { deleteViewStatesBefore } from './discord/view-state.js';
import { markMissedGoalsJob } from './goals/missed-goals-job.js';
import type { ScheduledJob } from './scheduler.js';

const VIEW_STATE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Pagination buttons older than two weeks stop working; their stored filters go with them. */
export const pruneViewStatesJob: ScheduledJob = {
  name: 'prune-view-states',
  cron: '17 3 * * *',
  runOnStart: false,
  async run(ctx: AppContext) {
    const cutoff = new Date(ctx.clock.now().getTime() - VIEW_STATE_LIFETIME_MS);
    await deleteViewStatesBefore(ctx.db, cutoff);
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
  pruneViewStatesJob,
  backupDatabaseJob,
  digestJob,
  markMissedGoalsJob,
  nudgeQuietMembersJob,
];
