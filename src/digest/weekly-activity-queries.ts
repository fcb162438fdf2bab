import { channelLink, messageLink } from '@discordjs/formatters';
import { type ExpressionBuilder, sql } from 'kysely';
import { DateTime } from 'luxon';
import { streakAsOf } from '../core/streaks.js';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { percentComplete } from '../roadmaps/progress-bar.js';
import { calendarWeekOf } from '../shared/calendar-week.js';
import { dayStartsOf, type Period, previousPeriod } from './digest-slots.js';

/**
 * The digest's numbers. The counts come from `activity_events` in [start, end) — every query
 * walks the (guild_id, occurred_at) or (guild_id, user_id, occurred_at) index over that range,
 * so the cost follows the week's activity, never the guild's history. Other features' tables
 * are read for what only they hold, mostly by key from the week's events or members:
 * `member_settings` (who is private), `roadmaps`, `roadmap_phases`, `roadmap_items` and
 * `member_progress` (phases completed, percentages), `member_roadmaps` (who counts as quiet),
 * `learnings` (a learning's text and post), `feedback_requests` and `thread_replies` (which
 * requests still wait) and `member_streaks`.
 */

export interface DigestTotals {
  itemsCompleted: number;
  learnings: number;
  resources: number;
  projectsUpdated: number;
  feedbackOpened: number;
  feedbackResolved: number;
  activeMembers: number;
}

/** What one member did in the week, as their digest line tells it. */
export interface MemberActivity {
  userId: string;
  events: number;
  itemsDone: number;
  /** Items moved to `learning`. */
  itemsStarted: number;
  learnings: number;
  resources: number;
  projectsUpdated: number;
  feedbackGiven: number;
  feedbackRequested: number;
  goalsDone: number;
  goalsSet: number;
}

/** A phase a member finished items in this week. */
export interface PhaseProgress {
  userId: string;
  phaseTitle: string;
  roadmapName: string;
  doneThisWeek: number;
  /** Every current item of the phase is done or skipped (as roadmap progress counts it). */
  completed: boolean;
  /** The member's percent complete in the phase now; only computed for the listed members. */
  percent: number | null;
}

export interface SharedLearning {
  userId: string;
  text: string | null;
  link: string | null;
}

export interface OpenFeedbackRequest {
  userId: string;
  topic: string | null;
  link: string | null;
  openedAt: Date;
}

export interface DayActivity {
  start: Date;
  itemsDone: number;
  learnings: number;
  other: number;
}

export interface DigestActivity {
  period: Period;
  totals: DigestTotals;
  previousTotals: DigestTotals;
  /**
   * The most active members who keep a public profile, most active first, at most
   * `memberLimit`; private members count in the totals only.
   */
  members: MemberActivity[];
  phaseProgress: PhaseProgress[];
  /** Weekly streaks of the listed `members` who have one (see src/accountability/streaks.ts). */
  streaks: ReadonlyMap<string, number>;
  learnings: SharedLearning[];
  openFeedback: OpenFeedbackRequest[];
  openFeedbackTotal: number;
  /** Members who follow a roadmap or were active in the previous four weeks, but not this week. */
  quietMembers: number;
  days: DayActivity[];
  /**
   * Members in the phases, learnings and requests above who turned `public-profile` off:
   * the digest shows what they did but never their name.
   */
  privateMembers: ReadonlySet<string>;
}

export interface DigestQueryOptions {
  guildId: string;
  period: Period;
  timezone: string;
  memberLimit: number;
  learningLimit: number;
  feedbackLimit: number;
}

const QUIET_LOOKBACK_WEEKS = 4;
/** Older open requests are stale rather than "waiting"; the bound also keeps the query small. */
const OPEN_FEEDBACK_LOOKBACK_WEEKS = 4;

type Events = ExpressionBuilder<Database, 'activity_events'>;

const itemDoneKey = sql<string>`case when kind = 'item_status' and to_status = 'done' then user_id || ':' || item_id end`;

function countKind(kind: string) {
  return sql<number>`coalesce(sum(case when kind = ${kind} then 1 else 0 end), 0)`;
}

// A project created and updated in the same week counts once; events without a subject count
// on their own.
const projectsUpdated = sql<number>`count(distinct case when kind in ('project_created', 'project_updated') then coalesce(subject_id, -id) end)`;

/**
 * Events that record history or a lapse rather than something a member did that week: statuses
 * read from an imported file's marks, and goals the week closed on unfinished.
 */
const NOT_WEEKLY_WORK = ['item_status_imported', 'goal_missed'] as const;

function inPeriod(eb: Events, period: Period) {
  return eb.and([
    eb('occurred_at', '>=', period.start.toISOString()),
    eb('occurred_at', '<', period.end.toISOString()),
    eb('kind', 'not in', NOT_WEEKLY_WORK),
  ]);
}

export const EMPTY_TOTALS: DigestTotals = {
  itemsCompleted: 0,
  learnings: 0,
  resources: 0,
  projectsUpdated: 0,
  feedbackOpened: 0,
  feedbackResolved: 0,
  activeMembers: 0,
};

/** This week's and last week's totals in one pass over the two weeks' events. */
async function findTotals(
  db: Db,
  guildId: string,
  period: Period,
  previous: Period,
): Promise<{ current: DigestTotals; previous: DigestTotals }> {
  const rows = await db
    .selectFrom('activity_events')
    .where('guild_id', '=', guildId)
    .where((eb) => inPeriod(eb, { start: previous.start, end: period.end }))
    .select([
      sql<number>`case when occurred_at >= ${period.start.toISOString()} then 1 else 0 end`.as('current'),
      sql<number>`count(distinct ${itemDoneKey})`.as('itemsCompleted'),
      countKind('learning_shared').as('learnings'),
      countKind('resource_added').as('resources'),
      projectsUpdated.as('projectsUpdated'),
      countKind('feedback_requested').as('feedbackOpened'),
      countKind('feedback_resolved').as('feedbackResolved'),
      sql<number>`count(distinct user_id)`.as('activeMembers'),
    ])
    .groupBy(sql`1`)
    .execute();
  const totalsOf = (current: number): DigestTotals => {
    const row = rows.find((candidate) => Number(candidate.current) === current);
    if (!row) return EMPTY_TOTALS;
    return {
      itemsCompleted: Number(row.itemsCompleted),
      learnings: Number(row.learnings),
      resources: Number(row.resources),
      projectsUpdated: Number(row.projectsUpdated),
      feedbackOpened: Number(row.feedbackOpened),
      feedbackResolved: Number(row.feedbackResolved),
      activeMembers: Number(row.activeMembers),
    };
  };
  return { current: totalsOf(1), previous: totalsOf(0) };
}

async function findMostActiveMembers(
  db: Db,
  guildId: string,
  period: Period,
  limit: number,
): Promise<MemberActivity[]> {
  const rows = await db
    .selectFrom('activity_events')
    .where('guild_id', '=', guildId)
    .where((eb) => inPeriod(eb, period))
    .groupBy('user_id')
    // Checked once per active member, after grouping, not once per event.
    .having(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('member_settings as ms')
            .select('ms.user_id')
            .where('ms.guild_id', '=', guildId)
            .whereRef('ms.user_id', '=', 'activity_events.user_id')
            .where('ms.public_profile', '=', 0),
        ),
      ),
    )
    .select((eb) => [
      'user_id',
      eb.fn.countAll<number>().as('events'),
      sql<number>`count(distinct ${itemDoneKey})`.as('itemsDone'),
      sql<number>`count(distinct case when kind = 'item_status' and to_status = 'learning' then item_id end)`.as(
        'itemsStarted',
      ),
      countKind('learning_shared').as('learnings'),
      countKind('resource_added').as('resources'),
      projectsUpdated.as('projectsUpdated'),
      countKind('feedback_given').as('feedbackGiven'),
      countKind('feedback_requested').as('feedbackRequested'),
      countKind('goal_done').as('goalsDone'),
      countKind('goal_set').as('goalsSet'),
    ])
    .orderBy('events', 'desc')
    .orderBy('user_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    events: Number(row.events),
    itemsDone: Number(row.itemsDone),
    itemsStarted: Number(row.itemsStarted),
    learnings: Number(row.learnings),
    resources: Number(row.resources),
    projectsUpdated: Number(row.projectsUpdated),
    feedbackGiven: Number(row.feedbackGiven),
    feedbackRequested: Number(row.feedbackRequested),
    goalsDone: Number(row.goalsDone),
    goalsSet: Number(row.goalsSet),
  }));
}

/** Which of `userIds` turned `public-profile` off (a member who never chose is public). */
async function findPrivateMembers(db: Db, guildId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('member_settings')
    .select('user_id')
    .where('guild_id', '=', guildId)
    .where('user_id', 'in', [...new Set(userIds)])
    .where('public_profile', '=', 0)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/**
 * For every member and phase with an item done this week: how many, and whether the phase is
 * now complete — a double NOT EXISTS that stops at the first unfinished item, with one
 * primary-key probe into member_progress per item looked at. Exact percentages are counted
 * for the listed members only (`percentFor`), over their progress rows.
 */
async function findPhaseProgress(
  db: Db,
  guildId: string,
  period: Period,
  percentFor: readonly string[],
): Promise<PhaseProgress[]> {
  const touched = await db
    .selectFrom('activity_events as e')
    .innerJoin('roadmap_items as i', 'i.id', 'e.item_id')
    .where('e.guild_id', '=', guildId)
    .where('e.occurred_at', '>=', period.start.toISOString())
    .where('e.occurred_at', '<', period.end.toISOString())
    .where('e.kind', '=', 'item_status')
    .where('e.to_status', '=', 'done')
    .groupBy(['e.user_id', 'i.phase_id'])
    .select((eb) => [
      'e.user_id',
      'i.phase_id',
      eb.fn.count<number>('e.item_id').distinct().as('doneThisWeek'),
      eb
        .not(
          eb.exists(
            eb
              .selectFrom('roadmap_items as pi')
              .select('pi.id')
              .whereRef('pi.phase_id', '=', 'i.phase_id')
              .where('pi.active', '=', 1)
              .where((inner) =>
                inner.not(
                  inner.exists(
                    inner
                      .selectFrom('member_progress as mp')
                      .select('mp.item_id')
                      .whereRef('mp.user_id', '=', 'e.user_id')
                      .whereRef('mp.item_id', '=', 'pi.id')
                      .where('mp.status', 'in', ['done', 'skipped']),
                  ),
                ),
              ),
          ),
        )
        .as('completed'),
    ])
    .orderBy('e.user_id')
    .orderBy('i.phase_id')
    .execute();
  if (touched.length === 0) return [];
  const phases = await db
    .selectFrom('roadmap_phases as p')
    .innerJoin('roadmaps as r', 'r.id', 'p.roadmap_id')
    .where('r.guild_id', '=', guildId)
    .select((eb) => [
      'p.id',
      'p.title',
      eb.fn.coalesce('r.title', 'r.name').as('roadmapName'),
      eb
        .selectFrom('roadmap_items as pi')
        .whereRef('pi.phase_id', '=', 'p.id')
        .where('pi.active', '=', 1)
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('total'),
    ])
    .execute();
  const standings =
    percentFor.length === 0
      ? []
      : await db
          .selectFrom('member_progress as mp')
          .innerJoin('roadmap_items as pi', 'pi.id', 'mp.item_id')
          .where('mp.guild_id', '=', guildId)
          .where('mp.user_id', 'in', [...percentFor])
          .where('pi.active', '=', 1)
          .where('mp.status', 'in', ['done', 'skipped'])
          .groupBy(['mp.user_id', 'pi.phase_id'])
          .select([
            'mp.user_id',
            'pi.phase_id',
            sql<number>`sum(case when mp.status = 'done' then 1 else 0 end)`.as('done'),
            sql<number>`sum(case when mp.status = 'skipped' then 1 else 0 end)`.as('skipped'),
          ])
          .execute();
  const phaseById = new Map(phases.map((phase) => [phase.id, phase]));
  const standingBy = new Map(standings.map((row) => [`${row.user_id}:${row.phase_id}`, row]));
  return touched.flatMap((row) => {
    const phase = phaseById.get(row.phase_id);
    if (!phase) return [];
    const standing = standingBy.get(`${row.user_id}:${row.phase_id}`);
    const total = Number(phase.total ?? 0);
    return [
      {
        userId: row.user_id,
        phaseTitle: phase.title,
        roadmapName: phase.roadmapName,
        doneThisWeek: Number(row.doneThisWeek),
        completed: total > 0 && Number(row.completed) === 1,
        percent: standing
          ? percentComplete({ total, done: Number(standing.done), skipped: Number(standing.skipped) })
          : null,
      },
    ];
  });
}

/**
 * The week's learnings, oldest first: the text and the public post from the learning itself
 * (joined by the event's subject, one primary-key lookup each), else the event's note and link.
 */
async function findSharedLearnings(
  db: Db,
  guildId: string,
  period: Period,
  limit: number,
): Promise<SharedLearning[]> {
  const rows = await db
    .selectFrom('activity_events as e')
    .leftJoin('learnings as l', (join) =>
      join.onRef('l.id', '=', 'e.subject_id').onRef('l.guild_id', '=', 'e.guild_id'),
    )
    .where('e.guild_id', '=', guildId)
    .where('e.occurred_at', '>=', period.start.toISOString())
    .where('e.occurred_at', '<', period.end.toISOString())
    .where('e.kind', '=', 'learning_shared')
    .select([
      'e.user_id',
      'e.note',
      'e.link',
      'l.text',
      'l.channel_id',
      'l.message_id',
      'l.link as learningLink',
    ])
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    text: row.note ?? row.text,
    link:
      row.channel_id && row.message_id
        ? messageLink(row.channel_id, row.message_id, guildId)
        : (row.link ?? row.learningLink),
  }));
}

/**
 * Requests opened in the last four weeks still waiting for an answer, oldest first: not
 * resolved (no `feedback_resolved` or `feedback_given` event, and the request is still open),
 * and nobody but the requester has replied in its thread yet.
 */
async function findOpenFeedbackRequests(
  db: Db,
  guildId: string,
  period: Period,
): Promise<OpenFeedbackRequest[]> {
  const since = DateTime.fromJSDate(period.end).minus({ weeks: OPEN_FEEDBACK_LOOKBACK_WEEKS }).toJSDate();
  const rows = await db
    .selectFrom('activity_events as request')
    .leftJoin('feedback_requests as fr', (join) =>
      join.onRef('fr.id', '=', 'request.subject_id').onRef('fr.guild_id', '=', 'request.guild_id'),
    )
    .where('request.guild_id', '=', guildId)
    .where('request.occurred_at', '>=', since.toISOString())
    .where('request.occurred_at', '<', period.end.toISOString())
    .where('request.kind', '=', 'feedback_requested')
    .where((eb) => eb.or([eb('fr.status', 'is', null), eb('fr.status', '=', 'open')]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('activity_events as answer')
            .select('answer.id')
            .whereRef('answer.guild_id', '=', 'request.guild_id')
            .where('answer.kind', 'in', ['feedback_given', 'feedback_resolved'])
            .whereRef('answer.subject_id', '=', 'request.subject_id')
            .where('answer.occurred_at', '<', period.end.toISOString()),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('thread_replies as reply')
            .select('reply.thread_id')
            .whereRef('reply.thread_id', '=', 'fr.thread_id')
            .whereRef('reply.user_id', '!=', 'request.user_id'),
        ),
      ),
    )
    .select([
      'request.user_id',
      'request.note',
      'request.link',
      'request.occurred_at',
      'fr.topic',
      'fr.thread_id',
    ])
    .orderBy('request.occurred_at')
    .orderBy('request.id')
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    topic: row.note ?? row.topic,
    link: row.thread_id ? channelLink(row.thread_id, guildId) : row.link,
    openedAt: new Date(row.occurred_at),
  }));
}

async function countQuietMembers(db: Db, guildId: string, period: Period, timezone: string): Promise<number> {
  const since = DateTime.fromJSDate(period.start, { zone: timezone })
    .minus({ weeks: QUIET_LOOKBACK_WEEKS })
    .toJSDate();
  const row = await db
    .selectFrom(
      db
        .selectFrom('member_roadmaps')
        .select('user_id')
        .where('guild_id', '=', guildId)
        .union(
          db
            .selectFrom('activity_events')
            .select('user_id')
            .where('guild_id', '=', guildId)
            .where('occurred_at', '>=', since.toISOString())
            .where('occurred_at', '<', period.start.toISOString()),
        )
        .as('known'),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('activity_events as recent')
            .select('recent.id')
            .where('recent.guild_id', '=', guildId)
            .whereRef('recent.user_id', '=', 'known.user_id')
            .where('recent.occurred_at', '>=', period.start.toISOString())
            .where('recent.occurred_at', '<', period.end.toISOString())
            .where('recent.kind', 'not in', NOT_WEEKLY_WORK),
        ),
      ),
    )
    .select((eb) => eb.fn.countAll<number>().as('quiet'))
    .executeTakeFirstOrThrow();
  return Number(row.quiet);
}

/** The index of the [starts[i], starts[i + 1]) bucket an event falls in (the last one is open-ended). */
function bucketOf(starts: readonly Date[]) {
  return sql<number>`case ${sql.join(
    starts
      .slice(1)
      .map((start, index) => sql`when occurred_at < ${start.toISOString()} then ${sql.lit(index)}`),
    sql` `,
  )} else ${sql.lit(starts.length - 1)} end`;
}

/** Events per local calendar day of the period: items done, learnings and everything else. */
async function findActivityByDay(
  db: Db,
  guildId: string,
  period: Period,
  timezone: string,
): Promise<DayActivity[]> {
  const starts = dayStartsOf(period, timezone);
  const category = sql<string>`case when kind = 'item_status' and to_status = 'done' then 'itemsDone' when kind = 'learning_shared' then 'learnings' else 'other' end`;
  const rows = await db
    .selectFrom('activity_events')
    .where('guild_id', '=', guildId)
    .where((eb) => inPeriod(eb, period))
    .select((eb) => [
      bucketOf(starts).as('day'),
      category.as('category'),
      eb.fn.countAll<number>().as('events'),
    ])
    .groupBy([sql`1`, sql`2`])
    .execute();
  const days: DayActivity[] = starts.map((start) => ({ start, itemsDone: 0, learnings: 0, other: 0 }));
  for (const row of rows) {
    const day = days[Number(row.day)];
    if (day) day[row.category as 'itemsDone' | 'learnings' | 'other'] += Number(row.events);
  }
  return days;
}

/**
 * The listed members' weekly streaks as the accountability feature keeps them
 * (`member_streaks`, advanced by every activity write), read as of the calendar week in which
 * the digest's period ends — the day it posts, or now for a preview — so it is the number
 * /journey shows then.
 */
async function findWeeklyStreaks(
  db: Db,
  guildId: string,
  userIds: readonly string[],
  period: Period,
  timezone: string,
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('member_streaks')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('user_id', 'in', [...userIds])
    .execute();
  const week = calendarWeekOf(period.end, timezone).start;
  return new Map(
    rows.map((row) => [
      row.user_id,
      streakAsOf(
        {
          currentWeeks: row.current_weeks,
          longestWeeks: row.longest_weeks,
          lastActiveWeek: row.last_active_week,
        },
        week,
      ).current,
    ]),
  );
}

export async function findDigestActivity(db: Db, options: DigestQueryOptions): Promise<DigestActivity> {
  const { guildId, period, timezone } = options;
  const previous = previousPeriod(period, timezone);
  const totals = await findTotals(db, guildId, period, previous);
  const members = await findMostActiveMembers(db, guildId, period, options.memberLimit);
  const openFeedback = await findOpenFeedbackRequests(db, guildId, period);
  const phaseProgress = await findPhaseProgress(
    db,
    guildId,
    period,
    members.map((member) => member.userId),
  );
  const learnings = await findSharedLearnings(db, guildId, period, options.learningLimit);
  const shownFeedback = openFeedback.slice(0, options.feedbackLimit);
  return {
    period,
    totals: totals.current,
    previousTotals: totals.previous,
    members,
    phaseProgress,
    streaks: await findWeeklyStreaks(
      db,
      guildId,
      members.map((member) => member.userId),
      period,
      timezone,
    ),
    learnings,
    openFeedback: shownFeedback,
    openFeedbackTotal: openFeedback.length,
    quietMembers: await countQuietMembers(db, guildId, period, timezone),
    days: await findActivityByDay(db, guildId, period, timezone),
    privateMembers: await findPrivateMembers(db, guildId, [
      ...phaseProgress.filter((phase) => phase.completed).map((phase) => phase.userId),
      ...learnings.map((learning) => learning.userId),
      ...shownFeedback.map((request) => request.userId),
    ]),
  };
}
