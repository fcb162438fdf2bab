import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/connection.js';
import { collectMemberData } from '../../src/privacy/collect-member-data.js';
import { ERASED_TABLES, eraseMemberData } from '../../src/privacy/erase-member-data.js';
import type { MemberDataCategory, MemberDataDocument } from '../../src/privacy/member-data-document.js';
import { searchLearnings } from '../../src/sharing/learnings-queries.js';
import { listResources } from '../../src/sharing/resources-queries.js';
import { useTestDatabase } from '../support/database.js';
import { TEST_DIALECT } from '../support/postgres.js';
import { seedRoadmap } from '../support/roadmap.js';
import { allRows } from '../support/tables.js';
import { helpWithRequest, type SeededMember, seedMemberData } from './seed-member-data.js';

const GUILD = '900000000000000001';
const OTHER_GUILD = '900000000000000002';
const ADMIN = '800000000000000009';
const ALICE = '800000000000000001';
const BOB = '800000000000000002';
const CHANNEL = '700000000000000001';
const AT = new Date('2026-11-25T10:00:00.000Z');

/** Every category of the export, checked exhaustively by the compiler. */
const CATEGORIES = {
  settings: true,
  followedRoadmap: true,
  progress: true,
  activity: true,
  learnings: true,
  resources: true,
  projects: true,
  feedbackRequests: true,
  discussionThreads: true,
  repliesGiven: true,
  goals: true,
  streak: true,
  nudges: true,
  savedViews: true,
  mentionsInOthersRecords: true,
} satisfies Record<MemberDataCategory, true>;

function isFilled(value: MemberDataDocument[MemberDataCategory]): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if ('activityEvents' in value) return Object.values(value).every((count) => count > 0);
  return true;
}

/** Every stored row (FTS shadow tables aside) whose values mention `text`. */
async function rowsMentioning(
  handle: DatabaseHandle,
  text: string,
): Promise<{ table: string; row: unknown }[]> {
  return (await allRows(handle.db)).flatMap(({ table, rows }) =>
    rows.filter((row) => JSON.stringify(row).includes(text)).map((row) => ({ table, row })),
  );
}

/** Makes the erase's last write (anonymising thanks) fail, in each dialect's trigger language. */
async function failAnonymising(db: Db): Promise<void> {
  if (TEST_DIALECT === 'sqlite') {
    await sql`
      create trigger fail_anonymising before update of thanked_user_id on feedback_requests
      begin select raise(abort, 'injected failure'); end
    `.execute(db);
    return;
  }
  await sql`
    create function fail_anonymising() returns trigger language plpgsql
    as $$ begin raise exception 'injected failure'; end $$
  `.execute(db);
  await sql`
    create trigger fail_anonymising before update of thanked_user_id on feedback_requests
    for each row execute function fail_anonymising()
  `.execute(db);
}

describe('member data: export and erase', () => {
  const handle = useTestDatabase();
  let alice: SeededMember;
  let bob: SeededMember;

  beforeEach(async () => {
    const { db } = handle;
    const phases = { Basics: ['Closures', 'Decorators'] };
    const roadmap = await seedRoadmap(db, { guildId: GUILD, createdBy: ADMIN, phases, now: AT });
    const otherRoadmap = await seedRoadmap(db, { guildId: OTHER_GUILD, createdBy: ADMIN, phases, now: AT });
    alice = await seedMemberData(
      db,
      { guildId: GUILD, userId: ALICE, word: 'aurora', channelId: CHANNEL },
      roadmap,
      AT,
    );
    bob = await seedMemberData(
      db,
      { guildId: GUILD, userId: BOB, word: 'borealis', channelId: CHANNEL },
      roadmap,
      AT,
    );
    await helpWithRequest(db, GUILD, ALICE, bob, AT);
    await helpWithRequest(db, GUILD, BOB, alice, AT);
    await seedMemberData(
      db,
      { guildId: OTHER_GUILD, userId: ALICE, word: 'aurora', channelId: CHANNEL },
      otherRoadmap,
      AT,
    );
  });

  it('GIVEN a member who used every feature THEN the export holds every category, with item labels', async () => {
    const document = await collectMemberData(handle.db, GUILD, ALICE, AT);
    expect(document).toMatchObject({
      format: 'waymark-member-data',
      version: 1,
      exportedAt: AT.toISOString(),
      guildId: GUILD,
      userId: ALICE,
    });
    const empty = (Object.keys(CATEGORIES) as MemberDataCategory[]).filter(
      (category) => !isFilled(document[category]),
    );
    expect(empty).toEqual([]);
    expect(document.progress.map((row) => [row.item.label, row.item.phase, row.status])).toEqual([
      ['Closures', 'Basics', 'done'],
      ['Decorators', 'Basics', 'learning'],
    ]);
    expect(document.learnings[0]).toMatchObject({ tags: ['python', 'aurora'], item: { label: 'Closures' } });
    expect(document.projects[0]?.reflections).toEqual([
      { text: 'aurora reflection', createdAt: AT.toISOString() },
    ]);
    expect(document.repliesGiven.map((reply) => reply.threadId)).toEqual([
      bob.requestThreadId,
      bob.learningThreadId,
    ]);
    expect(document.settings).toEqual({
      timezone: 'Europe/Berlin',
      nudges: true,
      publicProfile: false,
      updatedAt: AT.toISOString(),
    });
  });

  it('GIVEN two members THEN an export holds only the asker’s data from that server', async () => {
    const text = JSON.stringify(await collectMemberData(handle.db, GUILD, ALICE, AT));
    expect(text).not.toContain('borealis');
    expect(text).not.toContain(OTHER_GUILD);
  });

  it('GIVEN a member with data THEN erase deletes all of it and no row in that server names them any more', async () => {
    const result = await eraseMemberData(handle.db, GUILD, ALICE);

    expect(Object.keys(result.deleted).sort()).toEqual([...ERASED_TABLES].sort());
    expect(result.deleted).toMatchObject({
      member_progress: 2,
      learnings: 1,
      projects: 1,
      project_reflections: 1,
      goals: 1,
      feedback_requests: 1,
      discussion_threads: 1,
      thread_replies: 2,
      member_settings: 1,
      member_roadmaps: 1,
      member_streaks: 1,
      member_nudges: 1,
      view_states: 1,
    });
    expect(result.anonymised).toEqual({
      resources: 1,
      activity_events_target: 3,
      feedback_requests_resolved_by: 1,
      feedback_requests_thanked: 1,
    });
    expect(result.publicPosts).toEqual([
      { channelId: CHANNEL, messageId: expect.stringMatching(/^71/) },
      { channelId: CHANNEL, messageId: expect.stringMatching(/^73/) },
    ]);
    const leftovers = (await rowsMentioning(handle, ALICE)).filter(
      ({ row }) => (row as { guild_id?: string }).guild_id !== OTHER_GUILD,
    );
    expect(leftovers).toEqual([]);
    const after = await collectMemberData(handle.db, GUILD, ALICE, AT);
    expect((Object.keys(CATEGORIES) as MemberDataCategory[]).filter((c) => isFilled(after[c]))).toEqual([]);
    expect(after.mentionsInOthersRecords).toEqual({
      activityEvents: 0,
      feedbackResolutions: 0,
      feedbackThanks: 0,
    });
  });

  it('GIVEN an erased member THEN other members’ data stays, with only the mentions of the member removed', async () => {
    const before = await collectMemberData(handle.db, GUILD, BOB, AT);
    const otherGuildBefore = await collectMemberData(handle.db, OTHER_GUILD, ALICE, AT);

    await eraseMemberData(handle.db, GUILD, ALICE);

    const after = await collectMemberData(handle.db, GUILD, BOB, AT);
    const anonymised = structuredClone(before);
    for (const request of anonymised.feedbackRequests)
      Object.assign(request, { resolvedBy: null, thankedUserId: null });
    for (const event of anonymised.activity) if (event.targetUserId === ALICE) event.targetUserId = null;
    // Bob was named only in Alice's records, which are gone.
    anonymised.mentionsInOthersRecords = { activityEvents: 0, feedbackResolutions: 0, feedbackThanks: 0 };
    expect(after).toEqual(anonymised);
    expect(await collectMemberData(handle.db, OTHER_GUILD, ALICE, AT)).toEqual(otherGuildBefore);
  });

  it('GIVEN resources the member added THEN they stay in the library without an author', async () => {
    await eraseMemberData(handle.db, GUILD, ALICE);
    const library = await listResources(handle.db, { guildId: GUILD });
    expect(library.map((resource) => [resource.title, resource.user_id])).toEqual(
      expect.arrayContaining([
        ['aurora guide', null],
        ['borealis guide', BOB],
      ]),
    );
  });

  it('GIVEN erased learnings THEN search no longer finds them and the full-text index stays consistent', async () => {
    const search = (words: string) =>
      searchLearnings(handle.db, { guildId: GUILD, search: words }, { limit: 10, offset: 0 });
    expect((await search('aurora')).total).toBe(1);

    await eraseMemberData(handle.db, GUILD, ALICE);

    expect((await search('aurora')).total).toBe(0);
    expect((await search('borealis')).total).toBe(1);
    // PostgreSQL's search vector is a column of the learning itself, so it leaves with the row.
    if (TEST_DIALECT !== 'sqlite') return;
    const indexed = await sql<{
      rowid: number;
    }>`select rowid from learnings_fts where learnings_fts match 'aurora'`.execute(handle.db);
    // The other server's learning only.
    expect(indexed.rows).toHaveLength(1);
    await sql`insert into learnings_fts(learnings_fts, rank) values ('integrity-check', 1)`.execute(
      handle.db,
    );
  });

  it('GIVEN the last write of an erase fails THEN everything before it is rolled back and nothing is lost', async () => {
    const before = await collectMemberData(handle.db, GUILD, ALICE, AT);
    const bobBefore = await collectMemberData(handle.db, GUILD, BOB, AT);
    await failAnonymising(handle.db);

    await expect(eraseMemberData(handle.db, GUILD, ALICE)).rejects.toThrow('injected failure');

    expect(await collectMemberData(handle.db, GUILD, ALICE, AT)).toEqual(before);
    expect(await collectMemberData(handle.db, GUILD, BOB, AT)).toEqual(bobBefore);
    if (TEST_DIALECT === 'sqlite') {
      expect((await sql`pragma integrity_check`.execute(handle.db)).rows).toEqual([
        { integrity_check: 'ok' },
      ]);
    }
  });

  it('GIVEN someone Waymark knows nothing about THEN erase changes nothing and reports zero everywhere', async () => {
    const result = await eraseMemberData(handle.db, GUILD, '800000000000000077');
    expect(Object.values(result.deleted).every((count) => count === 0)).toBe(true);
    expect(Object.values(result.anonymised).every((count) => count === 0)).toBe(true);
    expect(result.publicPosts).toEqual([]);
  });
});
