import { describe, expect, it } from 'vitest';
import { assertReadableText, optionalLink, optionalText, requireText } from '../../src/shared/input.js';
import { UserError } from '../../src/shared/user-error.js';
import { parseTags } from '../../src/sharing/sharing-input.js';

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

  it.each([
    ['zero-width spaces', '\u200b\u200b'],
    ['a zero-width joiner, word joiner and BOM', '\u200d\u2060\ufeff'],
    ['Hangul fillers and a blank Braille pattern', '\u3164\u115f\u2800'],
    ['bidi controls between spaces', ' \u202e \u2066 '],
  ])('GIVEN text of only %s THEN it is refused as unreadable', (_case, text) => {
    expect(() => requireText(text, 'The note', 100)).toThrow(
      new UserError(
        'The note has only invisible characters (such as zero-width spaces): write something others can read.',
      ),
    );
  });

  it.each([
    ['an emoji joined by ZWJ', '👩‍💻'],
    ['a word with a zero-width space', 'x\u200b'],
    ['a link with words as its text', 'See [the docs](https://evil.example)'],
    ['a link showing its own address', '[https://docs.python.org/3](https://docs.python.org/3/)'],
    ['an address on the same site in a sentence', '[more on https://good.example/a](https://good.example/b)'],
    ['a name that looks like a domain', '[Node.js](https://nodejs.org)'],
    ['a bracketed word, no link', 'arrays [i] (zero-based)'],
  ])('GIVEN %s THEN the text is accepted', (_case, text) => {
    expect(() => assertReadableText(text, 'Text')).not.toThrow();
  });

  it.each([
    ['another host', '[https://good.example](https://evil.example)'],
    ['another host, www. only', '[www.good.example](https://evil.example)'],
    ['another page, as the whole text', '[https://good.example/a](https://good.example/b)'],
    ['another host, in bold', '[**https://good.example**](https://evil.example)'],
    ['another host, split by a zero-width space', '[https://good\u200b.example](https://evil.example)'],
    ['another host, target in angle brackets', 'x [https://good.example](<https://evil.example>)'],
    ['a target that is no web link', '[https://good.example](javascript:alert(1))'],
  ])('GIVEN a masked link showing an address on %s THEN it is refused, naming both', (_case, text) => {
    expect(() => assertReadableText(text, 'Text')).toThrow(UserError);
    expect(() => assertReadableText(text, 'Text')).toThrow(/^Text has a link that shows .+ but leads to /);
  });
});
