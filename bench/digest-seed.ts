import type SQLite from 'better-sqlite3';
import { seededRandom } from '../tests/roadmaps/support/roadmap-fixtures.js';

export interface DigestSeedOptions {
  guildId: string;
  members: number;
  events: number;
  /** How far back the history goes, in weeks, ending at `end`. */
  weeks: number;
  end: Date;
  phases: number;
  itemsPerPhase: number;
}

const KIND_WEIGHTS = [
  ['item_status', 0.55],
  ['learning_shared', 0.1],
  ['resource_added', 0.05],
  ['project_updated', 0.05],
  ['feedback_requested', 0.04],
  ['feedback_given', 0.04],
  ['feedback_resolved', 0.02],
  ['goal_set', 0.1],
  ['goal_done', 0.05],
] as const;

function pickKind(roll: number): string {
  let total = 0;
  for (const [kind, weight] of KIND_WEIGHTS) {
    total += weight;
    if (roll < total) return kind;
  }
  return 'goal_set';
}

/**
 * A guild with a long history, written with raw prepared statements in one transaction
 * (the fast path for a million rows): one roadmap, every member following it, and events
 * spread evenly over `weeks`; item events also leave the member's progress rows, as /check does.
 */
export function seedDigestGuild(sqlite: SQLite.Database, options: DigestSeedOptions): void {
  const next = seededRandom(42);
  const at = options.end.toISOString();
  const insertRoadmap = sqlite.prepare(
    `insert into roadmaps (guild_id, name, title, source, is_default, created_by, created_at, updated_at)
     values (?, 'python-developer', 'Python Developer', 'template:python-developer', 1, '1', ?, ?)`,
  );
  const insertPhase = sqlite.prepare(
    'insert into roadmap_phases (roadmap_id, position, title, heading_level) values (?, ?, ?, 2)',
  );
  const insertItem = sqlite.prepare(
    `insert into roadmap_items (roadmap_id, phase_id, key, label, markdown, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFollow = sqlite.prepare(
    'insert into member_roadmaps (guild_id, user_id, roadmap_id, followed_at) values (?, ?, ?, ?)',
  );
  const insertEvent = sqlite.prepare(
    `insert into activity_events (guild_id, user_id, kind, occurred_at, roadmap_id, item_id, from_status, to_status, subject_id, note, link)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Each member's current status per item, derived from the log in one statement at the end.
  const deriveProgress = sqlite.prepare(
    `insert into member_progress (guild_id, user_id, item_id, status, updated_at)
     select guild_id, user_id, item_id, 'done', max(occurred_at) from activity_events
     where guild_id = ? and kind = 'item_status' group by guild_id, user_id, item_id`,
  );

  sqlite.transaction(() => {
    const roadmapId = Number(insertRoadmap.run(options.guildId, at, at).lastInsertRowid);
    const items: number[] = [];
    for (let phase = 0; phase < options.phases; phase += 1) {
      const phaseId = Number(insertPhase.run(roadmapId, phase, `Phase ${phase + 1}`).lastInsertRowid);
      for (let item = 0; item < options.itemsPerPhase; item += 1) {
        const position = phase * options.itemsPerPhase + item;
        const label = `Item ${position + 1}`;
        items.push(
          Number(
            insertItem.run(roadmapId, phaseId, `item-${position}`, label, `- [ ] ${label}`, position, at, at)
              .lastInsertRowid,
          ),
        );
      }
    }
    const users = Array.from({ length: options.members }, (_, index) =>
      String(400_000_000_000_000_000n + BigInt(index)),
    );
    for (const user of users) insertFollow.run(options.guildId, user, roadmapId, at);

    const spanMs = options.weeks * 7 * 24 * 60 * 60 * 1000;
    const start = options.end.getTime() - spanMs;
    for (let index = 0; index < options.events; index += 1) {
      // Evenly spread in time, in order, like a real log.
      const occurredAt = new Date(start + Math.floor((index / options.events) * spanMs)).toISOString();
      const user = users[Math.floor(next() * users.length)] ?? '0';
      const kind = pickKind(next());
      const subject = 1 + Math.floor(next() * 50_000);
      if (kind === 'item_status') {
        const item = items[Math.floor(next() * items.length)] ?? 0;
        insertEvent.run(
          options.guildId,
          user,
          kind,
          occurredAt,
          roadmapId,
          item,
          'todo',
          'done',
          null,
          null,
          null,
        );
      } else {
        const note =
          kind === 'learning_shared' || kind === 'feedback_requested'
            ? `Something worth sharing #${index}`
            : null;
        const link = note ? `https://discord.com/channels/${options.guildId}/1/${index}` : null;
        insertEvent.run(options.guildId, user, kind, occurredAt, null, null, null, null, subject, note, link);
      }
    }
    deriveProgress.run(options.guildId);
  })();
  sqlite.pragma('optimize');
}
