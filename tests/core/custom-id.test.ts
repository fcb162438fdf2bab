import { describe, expect, it } from 'vitest';
import { assertComponentOwner, buildCustomId, parseCustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';

describe('custom ids', () => {
  it('GIVEN a command, action and arguments THEN they round-trip', () => {
    const id = buildCustomId('roadmap', 'page', '123456789012345678', 3);
    expect(id).toBe('roadmap:page:123456789012345678:3');
    expect(parseCustomId(id)).toEqual({
      command: 'roadmap',
      action: 'page',
      args: ['123456789012345678', '3'],
    });
  });

  it('GIVEN an id over 100 characters or an argument with a colon THEN building it fails loudly', () => {
    expect(() => buildCustomId('x', 'y', 'z'.repeat(100))).toThrow(/longer than 100/);
    expect(() => buildCustomId('x', 'y', 'a:b')).toThrow(/contains ':'/);
  });

  it('GIVEN someone else presses a button THEN they are refused with a UserError', () => {
    expect(() => assertComponentOwner('1', '2')).toThrow(UserError);
    expect(() => assertComponentOwner('1', '1')).not.toThrow();
  });
});
