import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/discord/user-error.js';
import { optionalLink, optionalText, parseTags, requireText } from '../../src/sharing/limits.js';

describe('sharing input limits', () => {
  it('GIVEN text within the limit THEN it is kept as written, trimmed', () => {
    expect(requireText('  Hello @everyone  ', 'Your learning', 20)).toBe('Hello @everyone');
  });

  it('GIVEN blank or over-long text THEN a UserError names the field and the limit', () => {
    expect(() => requireText('   ', 'Your learning', 20)).toThrow(
      new UserError('Your learning cannot be empty.'),
    );
    expect(() => requireText('x'.repeat(1_501), 'Your learning', 1_500)).toThrow(
      new UserError('Your learning can be at most 1,500 characters (yours has 1,501).'),
    );
  });

  it('GIVEN no optional text or link THEN they are null', () => {
    expect(optionalText(null, 'Note', 10)).toBeNull();
    expect(optionalText('  ', 'Note', 10)).toBeNull();
    expect(optionalLink(undefined, 'Link')).toBeNull();
  });

  it('GIVEN a link THEN it is normalized; a javascript: link is refused', () => {
    expect(optionalLink('HTTPS://Example.com/a/?utm_source=x', 'Link')).toBe('https://example.com/a');
    expect(() => optionalLink('javascript:alert(1)', 'Link')).toThrow(UserError);
  });

  it('GIVEN tags as typed THEN they are split, lowercased, de-duplicated and stripped of #', () => {
    expect(parseTags('Python, #async  web,python c++ node.js')).toEqual([
      'python',
      'async',
      'web',
      'c++',
      'node.js',
    ]);
    expect(parseTags(null)).toEqual([]);
  });

  it.each([
    ['a b c d e f', 'Use at most 5 tags (you gave 6).'],
    [`${'x'.repeat(31)}`, 'Tags can be at most 30 characters'],
    ['<@&123>', 'Tags can use letters, digits'],
  ])('GIVEN tags %j THEN they are refused', (tags, message) => {
    expect(() => parseTags(tags)).toThrow(message);
  });
});
