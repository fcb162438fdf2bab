import type { Db } from '../../src/db/connection.js';
import { listActiveItems } from '../../src/roadmaps/followed-roadmap.js';
import { parseRoadmap } from '../../src/roadmaps/parse-roadmap.js';
import { createRoadmap } from '../../src/roadmaps/store-roadmap.js';

export interface SeedRoadmapOptions {
  guildId: string;
  createdBy: string;
  now: Date;
  /** Phase titles to item labels, written as a checklist titled `title`; or `markdown`. */
  phases?: Record<string, readonly string[]>;
  /** The checklist's title (the roadmap's as members see it); `Python developer` by default. */
  title?: string;
  /** The roadmap file itself, e.g. with nested items or `[x]` (the creator's own progress). */
  markdown?: string;
  name?: string;
  source?: string;
}

export interface SeededRoadmap {
  roadmapId: number;
  /** Item ids by label. */
  items: Map<string, number>;
}

function checklistMarkdown(title: string, phases: Record<string, readonly string[]>): string {
  const body = Object.entries(phases).map(
    ([phase, labels]) => `## ${phase}\n${labels.map((label) => `- [ ] ${label}`).join('\n')}`,
  );
  return [`# ${title}`, ...body].join('\n\n');
}

/**
 * A roadmap stored through the same data function as /roadmap import (the guild's default when it
 * is its first), for tests whose subject is not the import itself.
 */
export async function seedRoadmap(db: Db, options: SeedRoadmapOptions): Promise<SeededRoadmap> {
  const markdown =
    options.markdown ?? checklistMarkdown(options.title ?? 'Python developer', options.phases ?? {});
  const { roadmap } = await createRoadmap(db, {
    guildId: options.guildId,
    userId: options.createdBy,
    name: options.name ?? 'python',
    source: options.source ?? 'template:python-developer',
    parsed: parseRoadmap(markdown),
    at: options.now,
    defaultTimezone: 'UTC',
  });
  const items = await listActiveItems(db, roadmap.id);
  return { roadmapId: roadmap.id, items: new Map(items.map((item) => [item.label, item.id])) };
}

/** A member's status written straight to member_progress, without the activity event /check adds. */
export async function setItemStatusDirectly(
  db: Db,
  member: { guildId: string; userId: string },
  itemId: number,
  status: 'done' | 'learning' | 'skipped',
  now: Date,
): Promise<void> {
  await db
    .insertInto('member_progress')
    .values({
      guild_id: member.guildId,
      user_id: member.userId,
      item_id: itemId,
      status,
      updated_at: now.toISOString(),
    })
    .execute();
}
