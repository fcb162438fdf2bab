import { Lexer, type Token, type Tokens } from 'marked';
import { assertAffordableToLex, tooComplex } from './lexing-cost.js';
import { collapseWhitespace } from './markdown-inline.js';

/**
 * marked's emphasis matching is quadratic in the length of a run of inline text. Runs longer than
 * this are taken as plain text; no real item or heading is this long.
 */
const MAX_INLINE_LENGTH = 4_000;
/**
 * Inline lexing of many long, emphasis-heavy runs can still add up; past this much time the
 * file is refused rather than blocking the process. Ordinary files use a few milliseconds of it.
 */
const INLINE_TIME_BUDGET_MS = 1_500;

export interface LexedMarkdown {
  /** The source with its line endings normalized to `\n`: what the tokens' `raw` texts come from. */
  text: string;
  blocks: Token[];
  /** The inline tokens of a heading, paragraph or text block, lexed on first use. */
  inline(blockTokens: Token[]): Token[];
}

/**
 * Block-lexes the whole document but inline-lexes only the blocks the caller asks for (headings
 * and list items), within a length cap and a time budget. marked's own `lex()` inline-lexes every
 * paragraph of prose, which a roadmap never reads.
 */
export function lexMarkdown(source: string): LexedMarkdown {
  // What marked's lex() does first; blockTokens expects normalized line endings.
  const text = source.replace(/\r\n?/gu, '\n');
  assertAffordableToLex(text);
  // A fresh options object: marked's shared defaults may have been changed with marked.use().
  const lexer = new Lexer({ gfm: true, breaks: false, pedantic: false });
  const blocks = lexer.blockTokens(text, lexer.tokens);
  const pending = new Map(lexer.inlineQueue.map((run) => [run.tokens, run.src]));
  lexer.inlineQueue = [];
  const deadline = performance.now() + INLINE_TIME_BUDGET_MS;

  return {
    text,
    blocks,
    inline(blockTokens) {
      const src = pending.get(blockTokens);
      if (src === undefined) return blockTokens;
      pending.delete(blockTokens);
      // Measured as exported (whitespace collapsed), so a re-imported export takes the same path.
      if (src.length > MAX_INLINE_LENGTH && collapseWhitespace(src).length > MAX_INLINE_LENGTH) {
        const plain: Tokens.Text = { type: 'text', raw: src, text: src };
        blockTokens.push(plain);
        return blockTokens;
      }
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(src, blockTokens);
      if (performance.now() > deadline) throw tooComplex('its text takes too long to read');
      return blockTokens;
    },
  };
}
