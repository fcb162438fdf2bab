import type { ApplicationCommand, Collection } from 'discord.js';
import type { AppContext } from '../context.js';
import { type CommandMention, mentionCommands } from '../shared/slash-command-mention.js';

/** What the global and the guild command managers of discord.js have in common here. */
interface CommandSource {
  cache: Collection<string, ApplicationCommand>;
  fetch(): Promise<Collection<string, ApplicationCommand>>;
}

/**
 * Mentions for the commands as Discord registered them (their ids are only known to Discord).
 * Fetched once per process and then read from discord.js's cache; if Discord cannot be asked,
 * the names are shown as plain text rather than failing the message they appear in.
 */
export async function loadCommandMentions(ctx: AppContext): Promise<CommandMention> {
  const manager: CommandSource | undefined = ctx.config.discordGuildId
    ? ctx.client.guilds.cache.get(ctx.config.discordGuildId)?.commands
    : ctx.client.application?.commands;
  if (!manager) return mentionCommands(new Map());
  try {
    const commands = manager.cache.size > 0 ? manager.cache : await manager.fetch();
    return mentionCommands(new Map(commands.map((command) => [command.name, command.id])));
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not fetch the registered commands; showing plain names');
    return mentionCommands(new Map());
  }
}
