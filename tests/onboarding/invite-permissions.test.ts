import { readFileSync } from 'node:fs';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS } from '../../src/discord/channel-permissions.js';
import { PERMISSION_LABELS } from '../../src/shared/discord-permissions.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('## Inviting Waymark'), README.indexOf('## Commands'));

describe('the invite link in the README', () => {
  it('GIVEN the permissions Waymark uses THEN the link asks for exactly their bitfield, with both scopes', () => {
    expect(INVITE_PERMISSIONS.bitfield).toBe(34359856128n);
    expect(section).toContain(
      `scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS.bitfield.toString()}`,
    );
    expect(INVITE_PERMISSIONS.has(PermissionFlagsBits.Administrator)).toBe(false);
  });

  it('GIVEN the permissions Waymark uses THEN the table explains each of them and no other', () => {
    const rows = [...section.matchAll(/^\| ([A-Z][A-Za-z ]+) \| /gm)].map((match) => match[1]);
    expect(rows).toEqual(Object.values(PERMISSION_LABELS));
  });
});
