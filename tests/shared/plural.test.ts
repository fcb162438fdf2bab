import { describe, expect, it } from 'vitest';
import { describeStreak } from '../../src/core/streaks.js';
import { renderNudgeMessage } from '../../src/nudges/nudges.js';
import { describeImport } from '../../src/roadmaps/import-roadmap.js';
import type { ImportOutcome } from '../../src/roadmaps/store-roadmap.js';
import { pluralize, pluralWord } from '../../src/shared/plural.js';

describe('pluralize', () => {
  it('GIVEN one THEN the singular; zero and more THEN the plural, with thousands separated', () => {
    expect(pluralize(1, 'item')).toBe('1 item');
    expect(pluralize(0, 'item')).toBe('0 items');
    expect(pluralize(2, 'item')).toBe('2 items');
    expect(pluralize(2_000, 'item')).toBe('2,000 items');
  });

  it('GIVEN an irregular plural THEN it is used', () => {
    expect(pluralize(1, 'reply', 'replies')).toBe('1 reply');
    expect(pluralize(3, 'reply', 'replies')).toBe('3 replies');
    expect(pluralWord(1, 'member was', 'members were')).toBe('member was');
    expect(pluralWord(4, 'member was', 'members were')).toBe('members were');
  });
});

describe('counts in replies', () => {
  const roadmap = { name: 'web', is_default: 1 } as ImportOutcome['roadmap'];
  const noChanges = {
    added: 0,
    removed: 0,
    renamed: 0,
    moved: 0,
    unchangedItems: 0,
    phasesRenamed: 0,
    phasesAdded: 0,
    phasesRemoved: 0,
    unchangedPhases: 0,
  };
  const created = (items: number, phases: number, statusesApplied = 0): ImportOutcome => ({
    roadmap,
    created: true,
    changes: { ...noChanges, added: items, phasesAdded: phases },
    statusesApplied,
  });

  it('GIVEN one phase with one item THEN the import says so in the singular', () => {
    expect(describeImport(created(1, 1))).toMatch(/^Added \*\*web\*\*: 1 phase, 1 item\./);
    expect(describeImport(created(2, 3))).toMatch(/^Added \*\*web\*\*: 3 phases, 2 items\./);
    expect(describeImport(created(2, 1, 1))).toContain('on 1 item.');
  });

  it('GIVEN a re-import that leaves one item THEN "1 item now"', () => {
    const outcome: ImportOutcome = {
      roadmap,
      created: false,
      changes: { ...noChanges, removed: 3, unchangedItems: 1, unchangedPhases: 1 },
      statusesApplied: 0,
    };
    expect(describeImport(outcome)).toContain('(1 item now)');
  });

  it('GIVEN a streak of one week THEN "1 week"', () => {
    expect(describeStreak({ current: 1, longest: 2 })).toBe('🔥 1 week · longest 2 weeks');
  });

  it('GIVEN one quiet day THEN the nudge says "1 day"', () => {
    const message = renderNudgeMessage({ guildName: 'G', quietDays: 1, nextItems: [] });
    expect(message).toContain('It has been 1 day since');
    expect(renderNudgeMessage({ guildName: 'G', quietDays: 8, nextItems: [] })).toContain('8 days since');
  });
});
