import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { apiErrors } from './errors.js';
import { snowflake } from './ids.js';

/** `'global'` or a guild id. */
export type CommandScope = string;
export const GLOBAL: CommandScope = 'global';

/**
 * Registered application commands, per scope, with Discord's bulk-overwrite semantics: a command keeps
 * its id while its (type, name) stays, its `version` changes only when its definition changes, and
 * commands missing from a PUT are deleted.
 */
export class CommandStore {
  private readonly scopes = new Map<CommandScope, APIApplicationCommand[]>();
  /** Number of bulk overwrites (PUT) per scope, so tests can assert "overwrite only when different". */
  readonly puts: Record<CommandScope, number> = {};

  constructor(private readonly applicationId: string) {}

  list(scope: CommandScope): APIApplicationCommand[] {
    return this.scopes.get(scope) ?? [];
  }

  get(scope: CommandScope, id: string): APIApplicationCommand {
    const command = this.list(scope).find((c) => c.id === id);
    if (!command) throw apiErrors.unknownCommand();
    return command;
  }

  overwrite(
    scope: CommandScope,
    definitions: RESTPostAPIApplicationCommandsJSONBody[],
  ): APIApplicationCommand[] {
    this.puts[scope] = (this.puts[scope] ?? 0) + 1;
    const existing = this.list(scope);
    const next = definitions.map((definition) =>
      this.materialize(scope, definition, findSame(existing, definition)),
    );
    this.scopes.set(scope, next);
    return next;
  }

  /** POST creates, or updates the command with the same name and type (Discord answers 200 then). */
  upsert(
    scope: CommandScope,
    definition: RESTPostAPIApplicationCommandsJSONBody,
  ): {
    command: APIApplicationCommand;
    created: boolean;
  } {
    const commands = this.list(scope);
    const previous = findSame(commands, definition);
    const command = this.materialize(scope, definition, previous);
    this.scopes.set(
      scope,
      previous ? commands.map((c) => (c === previous ? command : c)) : [...commands, command],
    );
    return { command, created: !previous };
  }

  edit(
    scope: CommandScope,
    id: string,
    patch: Partial<RESTPostAPIApplicationCommandsJSONBody>,
  ): APIApplicationCommand {
    const previous = this.get(scope, id);
    const merged = { ...definitionOf(previous), ...patch } as RESTPostAPIApplicationCommandsJSONBody;
    const command = this.materialize(scope, merged, previous);
    this.scopes.set(
      scope,
      this.list(scope).map((c) => (c === previous ? command : c)),
    );
    return command;
  }

  delete(scope: CommandScope, id: string): void {
    const command = this.get(scope, id);
    this.scopes.set(
      scope,
      this.list(scope).filter((c) => c !== command),
    );
  }

  /** What a user in `guildId` sees for `/name`: a guild command shadows a global one. */
  find(guildId: string, name: string): APIApplicationCommand | undefined {
    const isMatch = (c: APIApplicationCommand) =>
      c.name === name && c.type === ApplicationCommandType.ChatInput;
    return this.list(guildId).find(isMatch) ?? this.list(GLOBAL).find(isMatch);
  }

  /**
   * Turns a definition into what Discord stores and returns. Discord fills defaults and drops falsy
   * flags (`required: false`, `autocomplete: false`, empty option lists), which is why a naive
   * "compare local vs remote" in the bot must normalise the same way.
   */
  private materialize(
    scope: CommandScope,
    definition: RESTPostAPIApplicationCommandsJSONBody,
    previous: APIApplicationCommand | undefined,
  ): APIApplicationCommand {
    const d = definition as RESTPostAPIApplicationCommandsJSONBody & {
      options?: APIApplicationCommandOption[];
      description?: string;
    };
    const options = normalizeOptions(d.options);
    const body: Omit<APIApplicationCommand, 'id' | 'version' | 'application_id'> = {
      type: d.type ?? ApplicationCommandType.ChatInput,
      name: d.name,
      name_localizations: d.name_localizations ?? null,
      description: d.description ?? '',
      description_localizations: d.description_localizations ?? null,
      ...(options ? { options } : {}),
      default_member_permissions: d.default_member_permissions ?? null,
      nsfw: d.nsfw ?? false,
      ...(scope === GLOBAL
        ? {
            dm_permission: d.dm_permission ?? true,
            integration_types: d.integration_types ?? [ApplicationIntegrationType.GuildInstall],
            contexts: d.contexts ?? null,
          }
        : { guild_id: scope }),
    };
    const unchanged = previous && stableJson(definitionOf(previous)) === stableJson(body);
    return {
      id: previous?.id ?? snowflake(),
      application_id: this.applicationId,
      version: unchanged ? previous.version : snowflake(),
      ...body,
    };
  }
}

function findSame(
  commands: APIApplicationCommand[],
  definition: { name: string; type?: ApplicationCommandType },
): APIApplicationCommand | undefined {
  const type = definition.type ?? ApplicationCommandType.ChatInput;
  return commands.find((c) => c.name === definition.name && c.type === type);
}

function definitionOf(
  command: APIApplicationCommand,
): Omit<APIApplicationCommand, 'id' | 'version' | 'application_id'> {
  const { id: _id, version: _version, application_id: _app, ...rest } = command;
  return rest;
}

function normalizeOptions(
  options: APIApplicationCommandOption[] | undefined,
): APIApplicationCommandOption[] | undefined {
  if (!options || options.length === 0) return undefined;
  return options.map((option) => {
    const copy: Record<string, unknown> = { ...option };
    if (copy.required === false) delete copy.required;
    if (copy.autocomplete === false) delete copy.autocomplete;
    if (Array.isArray(copy.choices) && copy.choices.length === 0) delete copy.choices;
    const nested = normalizeOptions(copy.options as APIApplicationCommandOption[] | undefined);
    if (nested) copy.options = nested;
    else delete copy.options;
    return copy as unknown as APIApplicationCommandOption;
  });
}

/** Key-order-independent JSON, for "did the definition change?". */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
