import { isDeepStrictEqual } from 'node:util';
import type { REST } from 'discord.js';
import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationIntegrationType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord-api-types/v10';
import type { Logger } from '../logger.js';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Comparable = Record<string, unknown>;

/** Discord echoes defaults we never send (and omits ones we do); compare only what matters. */
function comparableOption(option: APIApplicationCommandOption): Comparable {
  const raw = option as unknown as Comparable;
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: raw.required ?? false,
    autocomplete: raw.autocomplete ?? false,
    choices: raw.choices ?? [],
    channel_types: raw.channel_types ?? [],
    min_value: raw.min_value ?? null,
    max_value: raw.max_value ?? null,
    min_length: raw.min_length ?? null,
    max_length: raw.max_length ?? null,
    options: ((raw.options as APIApplicationCommandOption[] | undefined) ?? []).map(comparableOption),
  };
}

function comparableCommand(command: Definition | APIApplicationCommand): Comparable {
  return {
    name: command.name,
    description: command.description,
    type: command.type ?? 1,
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    contexts: command.contexts ?? null,
    // Discord fills in guild install when a definition leaves it out.
    integration_types: command.integration_types ?? [ApplicationIntegrationType.GuildInstall],
    options: (command.options ?? []).map(comparableOption),
  };
}

/**
 * Any one order does, as both lists are sorted by it before comparing; code units rather than
 * `localeCompare`, whose first call loads ICU's collation data (30-60 ms) right after READY.
 */
function byName(a: Comparable, b: Comparable): number {
  const [x, y] = [String(a.name), String(b.name)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function commandsDiffer(
  registered: readonly APIApplicationCommand[],
  definitions: readonly Definition[],
): boolean {
  // Compared as they travel: JSON drops `undefined` fields, such as the
  // `name_localizations: undefined` that builders put on every choice.
  const comparable = (commands: readonly (Definition | APIApplicationCommand)[]) =>
    (JSON.parse(JSON.stringify(commands)) as Definition[]).map(comparableCommand).sort(byName);
  return !isDeepStrictEqual(comparable(registered), comparable(definitions));
}

export interface SyncResult {
  scope: 'global' | `guild ${string}`;
  changed: boolean;
}

/**
 * Fetches what Discord has, and overwrites it only when it differs: a bulk overwrite
 * counts against a daily limit and briefly resets command permissions in clients.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  guildId: string | null,
  definitions: readonly Definition[],
  logger: Logger,
): Promise<SyncResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const scope: SyncResult['scope'] = guildId ? `guild ${guildId}` : 'global';
  const registered = (await rest.get(route)) as APIApplicationCommand[];
  if (!commandsDiffer(registered, definitions)) {
    logger.info({ scope, commands: definitions.length }, 'slash commands already up to date');
    return { scope, changed: false };
  }
  await rest.put(route, { body: definitions });
  logger.info({ scope, commands: definitions.length }, 'slash commands registered');
  return { scope, changed: true };
}
