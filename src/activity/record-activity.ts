import type { Db } from '../db/connection.js';
import type { ActivityEvent, NewActivityEvent } from '../db/schema.js';

/**
 * Appends to the guild's activity log. Every feature records through here (inside its own
 * transaction when it has one), so digests, streaks and nudges read a single history.
 */
export async function recordActivity(db: Db, event: NewActivityEvent): Promise<ActivityEvent> {
  return db.insertInto('activity_events').values(event).returningAll().executeTakeFirstOrThrow();
}
