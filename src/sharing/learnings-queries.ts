import { sql } from 'kysely';
import { registerDiscussionThread } from '../core/discussion-threads.js';
import { recordActivity } from '../core/record-activity.js';
import type { Db } from '../db/connection.js';
import { dialectOf } from '../db/dialect.js';
import type { Learning, NewLearning } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';

export interface LearningFilter {
  guildId: string;
  userId?: string | undefined;
  itemId?: number | undefined;
  search?: string | undefined;
}

export type LearningWithItem = Learning & { item_label: string | null };

const MAX_SEARCH_TERMS = 8;

function searchWords(search: string): string[] {
  return (search.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_TERMS);
}

/**
 * Turns what a member typed into an FTS5 query that cannot be a syntax error: words only,
 * each quoted (so `AND`, `*` or `"` typed by a member are plain text), all required, the last
 * one matched as a prefix so a half-typed word still finds something. `null` when nothing
 * searchable is left.
 */
export function toFtsQuery(search: string): string | null {
  const words = searchWords(search);
  if (words.length === 0) return null;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * The same search as `toFtsQuery` for PostgreSQL's `to_tsquery`: the words (letters and digits
 * only, so never an operator) all required, the last one a prefix.
 */
export function toTsQuery(search: string): string | null {
  const words = searchWords(search);
  if (words.length === 0) return null;
  return words.map((word, index) => `${word}${index === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/**
 * PostgreSQL's match: the expression of the GIN index migration 2026-11-26-003 created, written
 * the same way so the planner uses the index.
 */
function postgresMatch(search: string) {
  const query = toTsQuery(search);
  if (query === null) return null;
  return sql<boolean>`to_tsvector('waymark_english'::regconfig, learnings.text || ' ' || learnings.tags) @@ to_tsquery('waymark_english'::regconfig, ${query})`;
}

/** Stores a learning and its activity event together (in the caller's transaction, if any). */
export async function createLearning(
  db: Db,
  learning: NewLearning,
  roadmapId: number | null,
  defaultTimezone: string,
): Promise<Learning> {
  return inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('learnings')
      .values(learning)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordActivity(
      trx,
      {
        guild_id: created.guild_id,
        user_id: created.user_id,
        kind: 'learning_shared',
        occurred_at: created.created_at,
        roadmap_id: roadmapId,
        item_id: created.item_id,
        subject_id: created.id,
        link: created.link,
      },
      defaultTimezone,
    );
    return created;
  });
}

/** The public post of a learning, so its Discuss button and later readers can find it. */
export async function setLearningMessage(db: Db, learningId: number, messageId: string): Promise<void> {
  await db.updateTable('learnings').set({ message_id: messageId }).where('id', '=', learningId).execute();
}

/**
 * Records the learning's discussion thread unless one is already recorded, and registers it so
 * replies there count as feedback given to the author; true when this call recorded it.
 */
export async function setLearningThread(
  db: Db,
  learning: Pick<Learning, 'id' | 'guild_id' | 'user_id'>,
  threadId: string,
  at: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('learnings')
      .set({ thread_id: threadId })
      .where('id', '=', learning.id)
      .where('thread_id', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await registerDiscussionThread(trx, {
      guildId: learning.guild_id,
      threadId,
      ownerUserId: learning.user_id,
      kind: 'learning',
      subjectId: learning.id,
      registeredAt: at,
    });
    return true;
  });
}

export async function findLearning(
  db: Db,
  guildId: string,
  learningId: number,
): Promise<Learning | undefined> {
  return db
    .selectFrom('learnings')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('id', '=', learningId)
    .executeTakeFirst();
}

/** Counting stops here: past a thousand matches the exact number does not help anyone. */
export const LEARNING_COUNT_CAP = 1_000;

/**
 * The guild's learnings matching `filter`, and the column that orders them newest first. The
 * one query that differs by dialect: each has its own full-text index.
 */
function filteredLearnings(db: Db, filter: LearningFilter) {
  const table = db.selectFrom('learnings');
  let source = { rows: table, newest: sql.ref<number>('learnings.id') };
  if (dialectOf(db) === 'postgres') {
    const matching = filter.search === undefined ? null : postgresMatch(filter.search);
    if (matching !== null) source = { rows: table.where(matching), newest: source.newest };
  } else {
    source = sqliteMatches(db, filter) ?? source;
  }
  let rows = source.rows.where('learnings.guild_id', '=', filter.guildId);
  if (filter.userId !== undefined) rows = rows.where('learnings.user_id', '=', filter.userId);
  if (filter.itemId !== undefined) rows = rows.where('learnings.item_id', '=', filter.itemId);
  return { rows, newest: source.newest };
}

/**
 * SQLite's matches, when there is a search. Searching the whole guild, FTS5 streams the
 * matches in descending id order through a cross join (which SQLite keeps as the outer loop),
 * so a page stops reading after its last row. Narrowed to one member or item, walking that
 * (short) index and checking each row against the set of matches is cheaper, because most
 * matches belong to someone else.
 */
function sqliteMatches(db: Db, filter: LearningFilter) {
  const table = db.selectFrom('learnings');
  const fts = filter.search === undefined ? null : toFtsQuery(filter.search);
  if (fts === null) return undefined;
  if (filter.userId !== undefined || filter.itemId !== undefined) {
    // The unary `+` keeps SQLite from driving the loop by the (long) list of matches.
    const matching = sql<boolean>`+learnings.id in (select rowid from learnings_fts where learnings_fts match ${fts})`;
    return { rows: table.where(matching), newest: sql.ref<number>('learnings.id') };
  }
  const matches = sql<{ id: number }>`(
    select rowid as id from learnings_fts where learnings_fts match ${fts} order by rowid desc
  )`.as('matches');
  const matching = db.selectFrom(matches).crossJoin('learnings').whereRef('learnings.id', '=', 'matches.id');
  // The same columns in scope as `table` (plus the ids), so filters and selection are shared.
  return { rows: matching as unknown as typeof table, newest: sql.ref<number>('matches.id') };
}

/**
 * One page of the guild's learnings matching `filter`, newest first (ids grow with time), and
 * how many match, counted up to `LEARNING_COUNT_CAP` (`capped` when there are more).
 */
export async function searchLearnings(
  db: Db,
  filter: LearningFilter,
  page: { limit: number; offset: number },
): Promise<{ learnings: LearningWithItem[]; total: number; capped: boolean }> {
  const { rows, newest } = filteredLearnings(db, filter);
  const learnings = await rows
    .leftJoin('roadmap_items', 'roadmap_items.id', 'learnings.item_id')
    .selectAll('learnings')
    .select('roadmap_items.label as item_label')
    .orderBy(newest, 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await db
    .selectFrom(
      rows
        .select(sql.lit(1).as('one'))
        .limit(LEARNING_COUNT_CAP + 1)
        .as('counted'),
    )
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.total);
  return { learnings, total: Math.min(total, LEARNING_COUNT_CAP), capped: total > LEARNING_COUNT_CAP };
}
