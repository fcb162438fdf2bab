import { describe, expect, it } from 'vitest';
import { type MentionNames, NO_MENTION_NAMES, readableText } from '../../src/discord/readable-mentions.js';

const BOB = '200000000000000001';
const ROLE = '300000000000000001';
const CHANNEL = '400000000000000001';
const GUILD = '100000000000000001';

const names: MentionNames = {
  users: new Map([[BOB, 'Bob Marley']]),
  roles: new Map([
    [ROLE, 'Reviewers'],
    [GUILD, '@everyone'],
  ]),
  channels: new Map([[CHANNEL, 'general']]),
};

describe('readableText', () => {
  it('GIVEN user, nickname, role, channel and command mentions THEN each shows as a name', () => {
    expect(
      readableText(`<@${BOB}> <@!${BOB}> <@&${ROLE}> <#${CHANNEL}> </check:500000000000000001>`, names, 256),
    ).toBe('@Bob Marley @Bob Marley @Reviewers #general /check');
  });

  it('GIVEN mentions nobody could name THEN they show placeholders, never ids', () => {
    expect(readableText(`<@${BOB}> <@&${ROLE}> <#${CHANNEL}>`, NO_MENTION_NAMES, 256)).toBe(
      '@unknown-user @unknown-role #unknown-channel',
    );
  });

  it('GIVEN the @everyone role THEN it shows once with its @', () => {
    expect(readableText(`hi <@&${GUILD}>`, names, 256)).toBe('hi @everyone');
  });

  it('GIVEN text without mentions or with look-alikes THEN it is kept as written', () => {
    expect(readableText('a <@bob> <@12> @here <t:0:R>', names, 256)).toBe('a <@bob> <@12> @here <t:0:R>');
  });

  it('GIVEN a cut that would land inside a name THEN the whole name is left out', () => {
    // "Thanks " (7) + "@Bob Marley" (11) is 18: a cut at 15 would split the name.
    expect(readableText(`Thanks <@${BOB}> a lot`, names, 15)).toBe('Thanks…');
  });

  it('GIVEN a cut in plain text after names THEN the names stay whole and the text is cut', () => {
    const text = readableText(`<@${BOB}> and <#${CHANNEL}> ${'x'.repeat(300)}`, names, 100);
    expect(text).toHaveLength(100);
    expect(text.startsWith('@Bob Marley and #general xxx')).toBe(true);
    expect(text.endsWith('x…')).toBe(true);
  });

  it('GIVEN raw mentions longer than their names THEN the replaced text is measured, not the raw one', () => {
    const raw = `<@${BOB}> `.repeat(5).trim();
    expect(raw.length).toBeGreaterThan(100);
    expect(readableText(raw, names, 100)).toBe(Array(5).fill('@Bob Marley').join(' '));
  });
});
