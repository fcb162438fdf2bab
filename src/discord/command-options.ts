import {
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  type Attachment,
  type CommandInteractionOption,
  type GuildBasedChannel,
  type GuildMember,
  type Role,
  type User,
} from 'discord.js';

/**
 * The shape of an option in a command definition written as plain data (`as const`), so the
 * handlers' option types can be inferred from the definition itself: a renamed or removed
 * option is a type error in its handler, never a silent `null` at run time.
 */
export interface OptionDefinition {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly choices?: readonly APIApplicationCommandOptionChoice[];
  readonly options?: readonly OptionDefinition[];
}

export interface CommandDefinition {
  readonly name: string;
  readonly options?: readonly OptionDefinition[];
}

/** A user option as Discord resolves it: the user, and their member when they are in the server. */
export interface UserOptionValue {
  user: User;
  member: GuildMember | null;
}

type ChoiceValue<O extends OptionDefinition, Fallback> = O extends {
  readonly choices: readonly { readonly value: infer V }[];
}
  ? V
  : Fallback;

type ValueOf<O extends OptionDefinition> = O['type'] extends ApplicationCommandOptionType.String
  ? ChoiceValue<O, string>
  : O['type'] extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
    ? ChoiceValue<O, number>
    : O['type'] extends ApplicationCommandOptionType.Boolean
      ? boolean
      : O['type'] extends ApplicationCommandOptionType.User
        ? UserOptionValue
        : O['type'] extends ApplicationCommandOptionType.Channel
          ? GuildBasedChannel
          : O['type'] extends ApplicationCommandOptionType.Role
            ? Role
            : O['type'] extends ApplicationCommandOptionType.Attachment
              ? Attachment
              : never;

type IsGrouping<O extends OptionDefinition> = O['type'] extends
  | ApplicationCommandOptionType.Subcommand
  | ApplicationCommandOptionType.SubcommandGroup
  ? true
  : false;

/** The values of a list of (non-subcommand) options, keyed by name; optional ones may be null. */
export type OptionValues<Options extends readonly OptionDefinition[] | undefined> =
  Options extends readonly OptionDefinition[]
    ? {
        [O in Options[number] as IsGrouping<O> extends true ? never : O['name']]: O extends {
          readonly required: true;
        }
          ? ValueOf<O>
          : ValueOf<O> | null;
      }
    : Record<string, never>;

type SubcommandsIn<Options extends readonly OptionDefinition[], Prefix extends string> = {
  [O in Options[number] as O['type'] extends ApplicationCommandOptionType.Subcommand
    ? `${Prefix}${O['name']}`
    : never]: OptionValues<O['options']>;
};

type GroupsIn<Options extends readonly OptionDefinition[]> = {
  [G in Options[number] as G['type'] extends ApplicationCommandOptionType.SubcommandGroup
    ? G['name']
    : never]: G['options'] extends readonly OptionDefinition[]
    ? SubcommandsIn<G['options'], `${G['name']} `>
    : never;
};

type Flatten<T> = T[keyof T] extends infer U ? (U extends Record<string, unknown> ? U : never) : never;

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void
  ? I
  : never;

/**
 * Every subcommand path of a definition (`"list"`, `"group sub"`) mapped to its option values.
 * A command without subcommands has none.
 */
export type SubcommandOptions<C extends CommandDefinition> = C['options'] extends readonly OptionDefinition[]
  ? SubcommandsIn<C['options'], ''> & UnionToIntersection<Flatten<GroupsIn<C['options']>>>
  : Record<never, never>;

function optionValue(option: CommandInteractionOption<'cached'>): unknown {
  switch (option.type) {
    case ApplicationCommandOptionType.User:
      return option.user ? { user: option.user, member: option.member ?? null } : null;
    case ApplicationCommandOptionType.Channel:
      return option.channel ?? null;
    case ApplicationCommandOptionType.Role:
      return option.role ?? null;
    case ApplicationCommandOptionType.Attachment:
      return option.attachment ?? null;
    default:
      return option.value ?? null;
  }
}

/**
 * The subcommand path an interaction chose and the values of its options. Options the member
 * left out are `null`, so every key of the inferred type is present.
 */
export function readCommandOptions(
  definition: CommandDefinition,
  data: readonly CommandInteractionOption<'cached'>[],
): { path: string; values: Record<string, unknown> } {
  let definitions = definition.options ?? [];
  let given = data;
  const path: string[] = [];
  for (;;) {
    const grouping = given.find(
      (option) =>
        option.type === ApplicationCommandOptionType.Subcommand ||
        option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!grouping) break;
    path.push(grouping.name);
    definitions = definitions.find((option) => option.name === grouping.name)?.options ?? [];
    given = grouping.options ?? [];
  }
  const values: Record<string, unknown> = {};
  for (const option of definitions) values[option.name] = null;
  for (const option of given) values[option.name] = optionValue(option);
  return { path: path.join(' '), values };
}
