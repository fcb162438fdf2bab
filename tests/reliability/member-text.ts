import { DiscordHttpError, validateMessage } from '@waymark/discord-double';
import type { EmbedBuilder } from 'discord.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { MentionNames } from '../../src/discord/readable-mentions.js';

/** One seed for every fuzz property, so a failure replays the same way on every machine. */
export const FUZZ_SEED = 20261126;

const BAIT_ID = '123456789012345678';

/** What members paste that could ping, format, or break lengths. */
const BAIT = [
  '@everyone',
  '@here',
  `<@${BAIT_ID}>`,
  `<@!${BAIT_ID}>`,
  `<@&${BAIT_ID}>`,
  `<#${BAIT_ID}>`,
  '<t:0:R>',
  '**',
  '__',
  '_',
  '*',
  '~~',
  '`',
  '```',
  '||',
  '> ',
  '# ',
  '-# ',
  '[link](https://example.com)',
  '\\',
  '\u200b',
  '\u200d',
  '\u2028',
  '\ufeff',
  '😀',
  '👩‍💻',
  '🇫🇷',
  '\ud83d',
  '\n',
  '\r\n',
  '   ',
] as const;

/** Names for the bait's mentions, as long as Discord allows (32), so titles are cut at names. */
export const BAIT_MENTION_NAMES: MentionNames = {
  users: new Map([[BAIT_ID, 'A display name of 32 characters.']]),
  roles: new Map([[BAIT_ID, 'A role name']]),
  channels: new Map([[BAIT_ID, 'a-channel']]),
};

/** A thread name or embed title: within `max`, and no mention syntax left for Discord to show raw. */
export function expectReadableTitle(title: string, max: number): void {
  expect(title.length).toBeLessThanOrEqual(max);
  expect(title).not.toMatch(/<(@[!&]?|#)\d+>/);
}

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAIT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/**
 * Arbitrary member-written text of at most `max` UTF-16 code units (Discord's unit), trimmed
 * as every input is: mentions, markdown, emoji, zero-width characters, lone surrogates, and
 * often the longest text the input allows, made of one bait repeated.
 */
export function memberText(max: number, options: { minLength?: number } = {}): fc.Arbitrary<string> {
  const mixed = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
  const longest = fc.constantFrom(...BAIT, 'x').map((bait) => bait.repeat(Math.ceil(max / bait.length)));
  const minLength = options.minLength ?? 0;
  return fc
    .oneof({ weight: 3, arbitrary: mixed }, { weight: 1, arbitrary: longest })
    .map((text) => text.slice(0, max).trim())
    .map((text) => (text.length >= minLength ? text : `${text}${'y'.repeat(minLength - text.length)}`));
}

export interface OutgoingMessage {
  content?: string;
  embeds?: readonly EmbedBuilder[];
}

/**
 * Fails unless Discord would accept the message: content ≤ 2,000; per embed title ≤ 256,
 * description ≤ 4,096, ≤ 25 fields of name ≤ 256 and value ≤ 1,024 (neither empty), footer
 * ≤ 2,048, author ≤ 256; all embeds ≤ 6,000 (the double's validator, which the REST routes use).
 */
export function expectSendable(message: OutgoingMessage): void {
  const body = {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: (message.embeds ?? []).map((embed) => embed.toJSON()),
  };
  try {
    validateMessage(body, [], { allowEphemeral: true });
  } catch (error) {
    const refusal = error instanceof DiscordHttpError ? JSON.stringify(error.body) : String(error);
    throw new Error(`Discord would refuse this message: ${refusal}`);
  }
}

/** Runs per property; the total is reported in the README. */
export const FUZZ_RUNS = 200;
