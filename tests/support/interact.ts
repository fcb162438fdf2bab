import type {
  AutocompleteInput,
  ComponentInput,
  DiscordDouble,
  FinalResponse,
  SlashInput,
} from '@waymark/discord-double';
import {
  type APIApplicationCommandOptionChoice,
  type APIMessageTopLevelComponent,
  ComponentType,
} from 'discord-api-types/v10';

type FinalOptions = Parameters<Awaited<ReturnType<DiscordDouble['interact']>>['final']>[0];

/** Runs a slash command as Discord would send it and resolves with the bot's final answer. */
export async function slashReply(
  double: DiscordDouble,
  input: SlashInput,
  options?: FinalOptions,
): Promise<FinalResponse> {
  return (await double.interact(double.slash(input))).final(options);
}

/** What the bot offers while `input.focused` is being typed into. */
export async function autocompleteChoices(
  double: DiscordDouble,
  input: AutocompleteInput,
): Promise<APIApplicationCommandOptionChoice[]> {
  return (await double.interact(double.autocomplete(input))).choices();
}

/** Presses a button and resolves with the bot's final answer to the press. */
export async function buttonReply(double: DiscordDouble, input: ComponentInput): Promise<FinalResponse> {
  return (await double.interact(double.button(input))).final();
}

/** The custom ids of the buttons and selects on a message, in order. */
export function customIdsOf(components: readonly APIMessageTopLevelComponent[]): string[] {
  return components.flatMap((row) =>
    row.type === ComponentType.ActionRow
      ? row.components.flatMap((component) => ('custom_id' in component ? [component.custom_id] : []))
      : [],
  );
}

/**
 * Installs the bundled python-developer roadmap as the seeded admin, through the running bot,
 * and returns its first items' ids as /check's autocomplete offers them to a member.
 */
export async function installPythonTemplate(double: DiscordDouble): Promise<string[]> {
  const admin = double.users.admin.id;
  await slashReply(
    double,
    { name: 'roadmap', subcommand: 'template', user: admin, options: { name: 'python-developer' } },
    { timeoutMs: 15_000 },
  );
  const choices = await autocompleteChoices(double, { name: 'check', focused: 'item', user: admin });
  return choices.map((choice) => String(choice.value));
}
