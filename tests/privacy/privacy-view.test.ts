import { describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/discord/custom-id.js';
import {
  ERASE_CONFIRMATION_TTL_MS,
  eraseConfirmationIds,
  isEraseConfirmationExpired,
  parseEraseConfirmation,
} from '../../src/privacy/erase-confirmation.js';
import { ERASED_TABLES, type ErasureResult } from '../../src/privacy/erase-member-data.js';
import { memberDataFileName } from '../../src/privacy/member-data-document.js';
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
  it('GIVEN a guild and a member THEN the export file is named after both', () => {
    expect(memberDataFileName('9001', OWNER)).toBe(`waymark-data-9001-${OWNER}.json`);
  });

  it('GIVEN nothing stored THEN the report says there was nothing to erase', () => {
    expect(describeErasure('your', erasure(), { removed: 0, failed: 0 })).toBe(
      'There was nothing to erase: Waymark stored none of your data in this server.',
    );
  });

  it('GIVEN some tables erased and a post that could not be removed THEN only those are listed, with the failure', () => {
    const text = describeErasure('your', erasure({ learnings: 2, goals: 1 }, 3), { removed: 2, failed: 1 });
    expect(text).toContain('• 2 learnings\n• 1 goals');
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
