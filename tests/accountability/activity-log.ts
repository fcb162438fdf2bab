import type { Db } from '../../src/db/connection.js';
import type { ActivityEvent, ActivityKind } from '../../src/db/schema.js';

/** The activity log's events of one kind, in the order they were written. */
export function eventsOfKind(db: Db, kind: ActivityKind): Promise<ActivityEvent[]> {
  return db.selectFrom('activity_events').selectAll().where('kind', '=', kind).orderBy('id').execute();
}
