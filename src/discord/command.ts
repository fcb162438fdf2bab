import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  PermissionResolvable,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { AppContext } from '../context.js';
import type {
  CommandDefinition,
  OptionDefinition,
  OptionValues,
  SubcommandOptions,
} from './command-options.js';
import type { CustomId } from './custom-id.js';
import type { RateLimitRule } from './rate-limiter.js';

/**
 * A named check the router runs before a handler, so "who may do this" is declared beside the
 * subcommand (or button) and tested once, not re-implemented inside handlers. It throws a
 * `UserError` to refuse; the handler never runs and nothing changes.
 */
export interface Precondition<
  Options = Record<string, unknown>,
  Interaction = ChatInputCommandInteraction<'cached'>,
> {
  readonly name: string;
  check(interaction: Interaction, ctx: AppContext, options: Options): Promise<void>;
}

/** A precondition of a button press: what the press may do is read from its custom id. */
export type ButtonPrecondition = Precondition<CustomId, ButtonInteraction<'cached'>>;

/** What runs for one subcommand path (or for a command without subcommands). */
export interface CommandRoute<Options = Record<string, unknown>> {
  /** Checked by the router: `default_member_permissions` only hides commands and can be overridden. */
  permissions?: PermissionResolvable;
  /**
   * A per-member budget of this subcommand's own, where its work differs from the rest of the
   * command (an admin's setup steps, ticking off a phase). Without one, a subcommand shares the
   * command's budget.
   */
  rateLimit?: RateLimitRule;
  preconditions?: readonly Precondition<Options>[];
  execute(
    interaction: ChatInputCommandInteraction<'cached'>,
    ctx: AppContext,
    options: Options,
  ): Promise<void>;
}

export type AutocompleteHandler = (
  interaction: AutocompleteInteraction<'cached'>,
  ctx: AppContext,
) => Promise<void>;
export type ButtonHandler = (
  interaction: ButtonInteraction<'cached'>,
  ctx: AppContext,
  id: CustomId,
) => Promise<void>;
/**
 * A button whose press is checked again when it happens: the member's permissions may have
 * changed since the message was shown.
 */
export interface ButtonRoute {
  preconditions?: readonly ButtonPrecondition[];
  press: ButtonHandler;
}
export type SelectHandler = (
  interaction: StringSelectMenuInteraction<'cached'>,
  ctx: AppContext,
  id: CustomId,
) => Promise<void>;
export type ModalHandler = (
  interaction: ModalSubmitInteraction<'cached'>,
  ctx: AppContext,
  id: CustomId,
) => Promise<void>;

/** Everything the router needs of one top-level command. Built with `defineCommand`. */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly definition: CommandDefinition;
  /** The per-member budget its subcommands share (the router's default when absent). */
  readonly rateLimit?: RateLimitRule;
  /** Keyed by subcommand path (`""`, `"sub"`, `"group sub"`). */
  readonly routes: ReadonlyMap<string, CommandRoute>;
  /** Keyed by the name of the option being typed in. */
  readonly autocomplete: ReadonlyMap<string, AutocompleteHandler>;
  /** Keyed by the custom id's action (`command:action:args…`). */
  readonly buttons: ReadonlyMap<string, ButtonRoute>;
  readonly selects: ReadonlyMap<string, SelectHandler>;
  readonly modals: ReadonlyMap<string, ModalHandler>;
}

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A command definition exactly as Discord takes it, written as data so option types can be inferred. */
export type SlashCommandData = DeepReadonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;

type AutocompleteNames<Options extends readonly OptionDefinition[] | undefined> =
  Options extends readonly OptionDefinition[]
    ? {
        [O in Options[number] as O['name']]: O extends { readonly autocomplete: true }
          ? O['name']
          : AutocompleteNames<O['options']>;
      } extends infer M
      ? M[keyof M] & string
      : never
    : never;

type HasSubcommands<C extends CommandDefinition> = keyof SubcommandOptions<C> extends never ? false : true;

type Routes<C extends CommandDefinition> =
  HasSubcommands<C> extends true
    ? {
        rateLimit?: RateLimitRule;
        subcommands: { [Path in keyof SubcommandOptions<C>]: CommandRoute<SubcommandOptions<C>[Path]> };
      }
    : CommandRoute<OptionValues<C['options']>>;

type Handlers<C extends CommandDefinition> = Routes<C> & {
  autocomplete?: { [Name in AutocompleteNames<C['options']>]: AutocompleteHandler };
  buttons?: Record<string, ButtonHandler | ButtonRoute>;
  selects?: Record<string, SelectHandler>;
  modals?: Record<string, ModalHandler>;
};

function entries<V>(record: Record<string, V> | undefined): ReadonlyMap<string, V> {
  return new Map(Object.entries(record ?? {}));
}

/**
 * One top-level slash command: its definition (plain data) and a handler per subcommand, whose
 * options are typed from the definition. The router dispatches; handlers never switch on names.
 */
export function defineCommand<const C extends SlashCommandData>(
  data: C,
  handlers: Handlers<C>,
): SlashCommand {
  const routes: Map<string, CommandRoute> =
    'subcommands' in handlers
      ? new Map(Object.entries(handlers.subcommands as Record<string, CommandRoute>))
      : new Map([['', handlers as CommandRoute]]);
  return {
    data: data as unknown as RESTPostAPIChatInputApplicationCommandsJSONBody,
    definition: data,
    ...(handlers.rateLimit ? { rateLimit: handlers.rateLimit } : {}),
    routes,
    autocomplete: entries(handlers.autocomplete as Record<string, AutocompleteHandler> | undefined),
    buttons: new Map(
      Object.entries(handlers.buttons ?? {}).map(([action, button]) => [
        action,
        typeof button === 'function' ? { press: button } : button,
      ]),
    ),
    selects: entries(handlers.selects),
    modals: entries(handlers.modals),
  };
}
