import type { APIApplicationCommand } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../commands/index.js';
import { commandsDiffer } from '../../src/discord/command-sync.js';

/** What Discord returns for a definition: ours plus ids, versions and echoed defaults. */
function asRegistered(definitions: typeof COMMAND_DEFINITIONS): APIApplicationCommand[] {
  return definitions.map(
    (definition, index) =>
      ({
        ...definition,
        id: String(1000 + index),
        application_id: '1',
        version: '1',
        type: 1,
        default_member_permissions: definition.default_member_permissions ?? null,
        nsfw: false,
        integration_types: definition.integration_types,
        options: definition.options,
      }) as APIApplicationCommand,
  );
}

describe('commandsDiffer', () => {
  it('GIVEN Discord holds exactly our definitions (with its own extra fields) THEN nothing differs', () => {
    expect(commandsDiffer(asRegistered(COMMAND_DEFINITIONS), COMMAND_DEFINITIONS)).toBe(false);
  });

  it('GIVEN Discord echoes our definitions as JSON (undefined fields such as choice localizations dropped) THEN nothing differs', () => {
    const echoed = JSON.parse(JSON.stringify(asRegistered(COMMAND_DEFINITIONS))) as APIApplicationCommand[];
    expect(commandsDiffer(echoed, COMMAND_DEFINITIONS)).toBe(false);
  });

  it('GIVEN the same commands in another order THEN nothing differs', () => {
    expect(commandsDiffer(asRegistered(COMMAND_DEFINITIONS).reverse(), COMMAND_DEFINITIONS)).toBe(false);
  });

  it('GIVEN nothing registered THEN they differ', () => {
    expect(commandsDiffer([], COMMAND_DEFINITIONS)).toBe(true);
  });

  it('GIVEN a changed description THEN they differ', () => {
    const registered = asRegistered(COMMAND_DEFINITIONS);
    registered[0] = { ...registered[0]!, description: 'an older description' };
    expect(commandsDiffer(registered, COMMAND_DEFINITIONS)).toBe(true);
  });
});
