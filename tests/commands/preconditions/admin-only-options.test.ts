import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { adminOnlyOptions } from '../../../commands/preconditions/admin-only-options.js';
import type { AppContext } from '../../../src/context.js';
import { UserError } from '../../../src/shared/user-error.js';
import { interactionStub } from '../../support/interaction-stub.js';

function interactionOf(permissions: bigint): ChatInputCommandInteraction<'cached'> {
  return interactionStub({ permissions });
}

const member = interactionOf(PermissionFlagsBits.SendMessages);
const admin = interactionOf(PermissionFlagsBits.ManageGuild);
// The precondition reads neither the database nor the clock.
const ctx = {} as AppContext;
const precondition = adminOnlyOptions(['server-nudges', 'silence-days']);
const none = { 'server-nudges': null, 'silence-days': null, nudges: true };

describe('adminOnlyOptions', () => {
  it('GIVEN a member without Manage Server who sets a server-wide option THEN it is refused, naming the options', async () => {
    for (const options of [
      { ...none, 'server-nudges': false },
      { ...none, 'silence-days': 10 },
    ]) {
      const refusal = precondition.check(member, ctx, options);
      await expect(refusal).rejects.toBeInstanceOf(UserError);
      await expect(refusal).rejects.toThrow(
        /^server-nudges and silence-days need the Manage Server permission\.$/,
      );
    }
  });

  it('GIVEN a member without Manage Server who sets only their own options THEN it passes', async () => {
    await expect(precondition.check(member, ctx, none)).resolves.toBeUndefined();
  });

  it('GIVEN Manage Server THEN the server-wide options pass', async () => {
    await expect(
      precondition.check(admin, ctx, { 'server-nudges': true, 'silence-days': 10 }),
    ).resolves.toBeUndefined();
  });

  it('GIVEN a single option THEN the refusal reads in the singular', async () => {
    await expect(adminOnlyOptions(['channel']).check(member, ctx, { channel: 'x' })).rejects.toThrow(
      /^channel needs the Manage Server permission\.$/,
    );
  });
});
