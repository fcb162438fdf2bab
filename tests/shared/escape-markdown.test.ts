import { escapeMarkdown as escapeEveryMarkdown } from '@discordjs/formatters';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/shared/escape-markdown.js';

/** Text made of what Discord's markdown reacts to, and plain words between. */
const markdownish = fc.string({
  unit: fc.constantFrom(
    '*',
    '_',
    '~',
    '`',
    '|',
    '>',
    '#',
    '-',
    '[',
    ']',
    '(',
    ')',
    '\\',
    ':',
    '<',
    '@',
    '\n',
    ' ',
    'a',
    'https://x.io/a_b',
    '<:e:1>',
    'word',
  ),
  maxLength: 60,
});

describe('escapeMarkdown', () => {
  it('GIVEN any text THEN it escapes exactly as discord.js escapes everything', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(escapeMarkdown(text)).toBe(escapeEveryMarkdown(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('GIVEN a label with italics and bold THEN they are escaped', () => {
    expect(escapeMarkdown('use *args and __init__')).toBe('use \\*args and \\_\\_init\\_\\_');
    expect(escapeMarkdown('**bold** # heading')).toBe('\\*\\*bold\\*\\* # heading');
  });
});
