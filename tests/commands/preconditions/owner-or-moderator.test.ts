import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ownerOrModerator } from '../../../commands/preconditions/owner-or-moderator.js';
import type { AppContext } from '../../../src/context.js';
import { UserError } from '../../../src/shared/user-error.js';
import { interactionStub } from '../../support/interaction-stub.js';

const OWNER = '100';
const OTHER = '200';
const ctx = {} as AppContext;

function pressedBy(userId: string, permissions: bigint[] = []) {
  return interactionStub({ guildId: '1', userId, permissions });
}

const owners = new Map<string, string | null>([
  ['mine', OWNER],
  ['orphan', null],
]);

function ownerOf(_ctx: AppContext, _guildId: string, { thing }: { thing: string }): Promise<string | null> {
  if (!owners.has(thing)) throw new UserError('I can’t find that.');
  return Promise.resolve(owners.get(thing) ?? null);
}

const moderated = ownerOrModerator<{ thing: string }, string | null>({
  ownerOf,
  moderator: PermissionFlagsBits.ManageMessages,
  refusal: () => 'Only its owner or a moderator can.',
});
const ownerOnly = ownerOrModerator<{ thing: string }, string | null>({
  ownerOf,
  refusal: (ownerId) => `Only <@${ownerId}> can.`,
});

describe('ownerOrModerator', () => {
  it('GIVEN the owner THEN it passes, with or without a moderator permission', async () => {
    await expect(moderated.check(pressedBy(OWNER), ctx, { thing: 'mine' })).resolves.toBeUndefined();
    await expect(ownerOnly.check(pressedBy(OWNER), ctx, { thing: 'mine' })).resolves.toBeUndefined();
  });

  it('GIVEN another member THEN it refuses with the rule’s message, naming the owner where it says so', async () => {
    await expect(moderated.check(pressedBy(OTHER), ctx, { thing: 'mine' })).rejects.toThrow(
      new UserError('Only its owner or a moderator can.'),
    );
    await expect(ownerOnly.check(pressedBy(OTHER), ctx, { thing: 'mine' })).rejects.toThrow(
      new UserError(`Only <@${OWNER}> can.`),
    );
  });

  it('GIVEN a moderator THEN it passes where the rule has moderators, and only there', async () => {
    const moderator = pressedBy(OTHER, [PermissionFlagsBits.ManageMessages]);
    await expect(moderated.check(moderator, ctx, { thing: 'mine' })).resolves.toBeUndefined();
    await expect(ownerOnly.check(moderator, ctx, { thing: 'mine' })).rejects.toThrow(UserError);
    const admin = pressedBy(OTHER, [PermissionFlagsBits.ManageGuild]);
    await expect(moderated.check(admin, ctx, { thing: 'mine' })).rejects.toThrow(UserError);
  });

  it('GIVEN a thing whose owner erased their data THEN only a moderator may act on it', async () => {
    await expect(moderated.check(pressedBy(OTHER), ctx, { thing: 'orphan' })).rejects.toThrow(UserError);
    await expect(
      moderated.check(pressedBy(OTHER, [PermissionFlagsBits.ManageMessages]), ctx, { thing: 'orphan' }),
    ).resolves.toBeUndefined();
  });

  it('GIVEN a thing that does not exist THEN the lookup’s refusal comes first', async () => {
    await expect(
      moderated.check(pressedBy(OTHER, [PermissionFlagsBits.ManageMessages]), ctx, { thing: 'gone' }),
    ).rejects.toThrow(new UserError('I can’t find that.'));
  });
});
