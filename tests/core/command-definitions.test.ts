import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../commands/index.js';

// Discord's rules for chat input commands: https://discord.com/developers/docs/interactions/application-commands
const NAME = /^[-_\p{Ll}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_CHARACTERS_PER_COMMAND = 4_000;

function isSubcommandLike(option: APIApplicationCommandOption): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

function checkOptions(
  path: string,
  options: readonly APIApplicationCommandOption[],
  depth: number,
): string[] {
  const problems: string[] = [];
  if (options.length > 25) problems.push(`${path}: more than 25 options`);
  const names = options.map((option) => option.name);
  if (new Set(names).size !== names.length) problems.push(`${path}: duplicate option names`);
  const kinds = new Set(options.map(isSubcommandLike));
  if (kinds.size > 1) problems.push(`${path}: subcommands mixed with plain options`);
  let seenOptional = false;
  for (const option of options) {
    const at = `${path} ${option.name}`;
    if (!NAME.test(option.name)) problems.push(`${at}: invalid name`);
    if (option.description.length < 1 || option.description.length > 100)
      problems.push(`${at}: description length`);
    if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      if (depth > 0) problems.push(`${at}: group nested too deep`);
      problems.push(...checkOptions(at, option.options ?? [], depth + 1));
      continue;
    }
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      problems.push(...checkOptions(at, option.options ?? [], 2));
      continue;
    }
    const basic = option as APIApplicationCommandBasicOption & {
      choices?: { name: string; value: string | number }[];
      autocomplete?: boolean;
    };
    if (basic.required && seenOptional) problems.push(`${at}: required option after an optional one`);
    if (!basic.required) seenOptional = true;
    if (basic.choices && basic.autocomplete) problems.push(`${at}: choices and autocomplete together`);
    if (basic.choices && basic.choices.length > 25) problems.push(`${at}: more than 25 choices`);
    for (const choice of basic.choices ?? []) {
      if (choice.name.length < 1 || choice.name.length > 100) problems.push(`${at}: choice name length`);
      if (typeof choice.value === 'string' && choice.value.length > 100)
        problems.push(`${at}: choice value length`);
    }
  }
  return problems;
}

function characterCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + characterCount(entry), 0);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return ['name', 'description', 'value', 'options', 'choices'].reduce(
      (sum, key) =>
        sum +
        (typeof record[key] === 'string' ? (record[key] as string).length : characterCount(record[key])),
      0,
    );
  }
  return 0;
}

describe('slash command definitions', () => {
  it('GIVEN the registry THEN command names are unique and there are at most 100', () => {
    const names = COMMAND_DEFINITIONS.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeLessThanOrEqual(100);
  });

  it.each(COMMAND_DEFINITIONS.map((definition) => [definition.name, definition] as const))(
    '/%s follows Discord’s rules and is guild-only',
    (_name, definition) => {
      expect(definition.name).toMatch(NAME);
      expect(definition.description.length).toBeGreaterThanOrEqual(1);
      expect(definition.description.length).toBeLessThanOrEqual(100);
      expect(definition.contexts).toEqual([InteractionContextType.Guild]);
      expect(checkOptions(`/${definition.name}`, definition.options ?? [], 0)).toEqual([]);
      expect(characterCount(definition)).toBeLessThanOrEqual(MAX_CHARACTERS_PER_COMMAND);
    },
  );
});
