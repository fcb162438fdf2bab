import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ERASE_CONFIRMATION_TTL_MS,
  eraseConfirmationIds,
  isEraseConfirmationExpired,
  parseEraseConfirmation,
} from '../../commands/components/erase-confirmation.js';
import { parseCustomId } from '../../src/discord/custom-id.js';
import { ERASED_TABLES, type ErasureResult } from '../../src/privacy/erase-member-data.js';
import { type MemberDataDocument, packMemberData } from '../../src/privacy/member-data-document.js';
import { describeErasure, describeErasurePrompt } from '../../src/privacy/privacy-view.js';

const OWNER = '800000000000000001';
const TARGET = '800000000000000002';

function erasure(counts: Partial<ErasureResult['deleted']> = {}, posts = 0): ErasureResult {
  return {
    deleted: {
      ...Object.fromEntries(ERASED_TABLES.map((table) => [table, 0])),
      ...counts,
    } as ErasureResult['deleted'],
    anonymised: {
      resources: 0,
      activity_events_target: 0,
      feedback_requests_resolved_by: 0,
      feedback_requests_thanked: 0,
    },
    publicPosts: Array.from({ length: posts }, (_, index) => ({ channelId: '1', messageId: String(index) })),
  };
}

describe('erase confirmation', () => {
  const issuedAt = new Date('2026-11-26T10:00:00.000Z');

  it('GIVEN a prompt THEN its buttons carry owner, target and time, within Discord’s custom id limit', () => {
    const ids = eraseConfirmationIds({ ownerId: OWNER, targetId: TARGET, issuedAt });
    expect(ids.erase.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(ids.erase).action).toBe('erase');
    expect(parseCustomId(ids.cancel).action).toBe('cancel');
    expect(parseEraseConfirmation(parseCustomId(ids.erase))).toEqual({
      ownerId: OWNER,
      targetId: TARGET,
      issuedAt,
    });
  });

  it('GIVEN a custom id without its parts THEN it is not a confirmation', () => {
    expect(parseEraseConfirmation(parseCustomId('privacy:erase'))).toBeUndefined();
    expect(parseEraseConfirmation(parseCustomId(`privacy:erase:${OWNER}:${TARGET}:soon`))).toBeUndefined();
  });

  it('GIVEN five minutes THEN the prompt is still valid, and a second later it has expired', () => {
    const confirmation = { ownerId: OWNER, targetId: OWNER, issuedAt };
    const at = (ms: number) => new Date(issuedAt.getTime() + ms);
    expect(isEraseConfirmationExpired(confirmation, at(ERASE_CONFIRMATION_TTL_MS))).toBe(false);
    expect(isEraseConfirmationExpired(confirmation, at(ERASE_CONFIRMATION_TTL_MS + 1_000))).toBe(true);
  });
});

describe('privacy replies', () => {
  const document: MemberDataDocument = {
    format: 'waymark-member-data',
    version: 1,
    exportedAt: '2026-11-26T10:00:00.000Z',
    guildId: '9001',
    userId: OWNER,
    settings: null,
    followedRoadmap: null,
    progress: [],
    activity: [],
    learnings: Array.from({ length: 200 }, (_, id) => ({
      id,
      text: 'Closures capture variables, not values. '.repeat(10),
      link: null,
      tags: ['python'],
      item: null,
      channelId: null,
      messageId: null,
      threadId: null,
      createdAt: '2026-11-26T10:00:00.000Z',
    })),
    resources: [],
    projects: [],
    feedbackRequests: [],
    discussionThreads: [],
    repliesGiven: [],
    goals: [],
    streak: null,
    nudges: null,
    savedViews: [],
    mentionsInOthersRecords: { activityEvents: 0, feedbackResolutions: 0, feedbackThanks: 0 },
  };

  it('GIVEN an export that fits one upload THEN it is readable JSON named after the server and member', () => {
    const file = packMemberData(document);
    expect(file?.name).toBe(`waymark-data-9001-${OWNER}.json`);
    expect(JSON.parse(file!.bytes.toString('utf8'))).toEqual(document);
  });

  it('GIVEN an export too large for one upload THEN it is gzipped, and refused when even that is too large', () => {
    const plainSize = packMemberData(document)!.bytes.length;
    const file = packMemberData(document, plainSize - 1);
    expect(file?.name).toBe(`waymark-data-9001-${OWNER}.json.gz`);
    expect(JSON.parse(gunzipSync(file!.bytes).toString('utf8'))).toEqual(document);
    expect(packMemberData(document, 100)).toBeUndefined();
  });

  it('GIVEN nothing stored THEN the report says there was nothing to erase', () => {
    expect(describeErasure('your', erasure(), { removed: 0, failed: 0 })).toBe(
      'There was nothing to erase: Waymark stored none of your data in this server.',
    );
  });

  it('GIVEN some tables erased and a post that could not be removed THEN only those are listed, with the failure', () => {
    const text = describeErasure('your', erasure({ learnings: 2, goals: 1 }, 3), { removed: 2, failed: 1 });
    expect(text).toContain('• learnings: 2\n• goals: 1');
    expect(text).not.toContain('projects');
    expect(text).toContain('Removed 2 of 3 public posts. 1 could not be removed');
  });

  it('GIVEN every count at its largest THEN the report fits one Discord message', () => {
    const all = erasure(Object.fromEntries(ERASED_TABLES.map((table) => [table, 1_000_000_000])), 0);
    all.anonymised = {
      resources: 1e9,
      activity_events_target: 1e9,
      feedback_requests_resolved_by: 1e9,
      feedback_requests_thanked: 1e9,
    };
    const subject = `<@${TARGET}>’s`;
    expect(describeErasure(subject, all, { removed: 0, failed: 0 }).length).toBeLessThanOrEqual(2_000);
    expect(describeErasurePrompt(subject, 'x'.repeat(200), 5).length).toBeLessThanOrEqual(2_000);
  });
});
