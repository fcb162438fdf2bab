import fc from 'fast-check';

/** Inline fragments roadmaps contain, including the characters that mean something in markdown. */
const inlineFragment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('Learn', 'python', 'décorateurs', 'API', 'v2.0', 'C#', '🚀', 'ü', 'x'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '`code`',
      '**bold**',
      '_em_',
      '~~old~~',
      '[docs](https://x.y)',
      '<b>tag</b>',
      '&amp;',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('*', '_', '#', '\\', '<', '>', '[', ']', '(', ')', '!', '|', '~', '`', ':'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

export const inlineText = fc
  .array(inlineFragment, { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(' '));

const indent = fc.constantFrom('', '', '  ', '    ', '      ');
const bullet = fc.constantFrom('-', '*', '+', '1.');

const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(indent, bullet, fc.constantFrom('[ ]', '[x]', '[X]'), inlineText) },
  { weight: 1, arbitrary: fc.tuple(indent, bullet, fc.constant(''), inlineText) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('#', '##', '###', '####'), inlineText) },
  { weight: 1, arbitrary: fc.constantFrom('', '', 'Some prose.', '```', '> quoted', '| a | b |', '---') },
  {
    weight: 1,
    arbitrary: fc.tuple(
      indent,
      bullet,
      fc.constant('[ ]'),
      inlineText,
      fc.constantFrom('_(learning)_', '*(skipped)*'),
    ),
  },
);

/** Markdown-ish documents: checklists at several depths, headings, sections, prose, code fences. */
export const markdownDocument = fc
  .array(line, { maxLength: 40 })
  .map((lines) => lines.map((parts) => (typeof parts === 'string' ? parts : parts.join(' '))).join('\n'));
