import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionsBitField,
} from 'discord.js';
import type { AppContext } from '../context.js';
import { type SlashCommand, subcommandPath } from './command.js';
import { parseCustomId } from './custom-id.js';
import { handleInteractionError } from './error-boundary.js';
import { relativeTime } from './format.js';
import { NO_MENTIONS } from './mentions.js';
import { RateLimiter, type RateLimitRule } from './rate-limiter.js';
import { UserError } from './user-error.js';

/** Generous enough for normal use, tight enough that a stuck key or a script is slowed down. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { uses: 8, windowMs: 20_000 };

export interface InteractionRouter {
  handle(interaction: Interaction): Promise<void>;
  /** Stops accepting new interactions and waits (bounded) for those in flight. */
  drain(timeoutMs: number): Promise<void>;
  readonly inFlight: number;
}

/** Discord's UI calls some permissions by other names than the API's flags. */
const PERMISSION_LABELS: Readonly<Record<string, string>> = { ManageGuild: 'Manage Server' };

function describeMissing(missing: readonly string[]): string {
  return missing
    .map((name) => PERMISSION_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .join(', ');
}

function checkPermissions(
  command: SlashCommand,
  interaction: ChatInputCommandInteraction<'cached'> | AutocompleteInteraction<'cached'>,
): void {
  const path = subcommandPath(interaction);
  const required = command.permissions?.[path] ?? command.permissions?.['*'];
  if (!required) return;
  const needed = new PermissionsBitField(required);
  const missing = interaction.memberPermissions.missing(needed);
  if (missing.length > 0) {
    const commandName = `/${[interaction.commandName, path].filter(Boolean).join(' ')}`;
    throw new UserError(`${commandName} needs the ${describeMissing(missing)} permission.`);
  }
}

export function createInteractionRouter(
  commands: readonly SlashCommand[],
  ctx: AppContext,
): InteractionRouter {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const rateLimiter = new RateLimiter(ctx.clock);
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  function enforceRateLimit(command: SlashCommand, userId: string, path: string): void {
    const own = path === '' ? undefined : command.rateLimit?.[path];
    const scope = own ? path : '*';
    const verdict = rateLimiter.take(
      `${userId}:${command.data.name}:${scope}`,
      own ?? command.rateLimit?.['*'] ?? DEFAULT_RATE_LIMIT,
    );
    if (!verdict.allowed) {
      const name = [command.data.name, own ? path : ''].filter(Boolean).join(' ');
      throw new UserError(`Easy there — you can use /${name} again ${relativeTime(verdict.retryAt)}.`);
    }
  }

  async function dispatch(interaction: Interaction): Promise<void> {
    if (!interaction.inCachedGuild()) {
      if (interaction.isRepliable()) {
        await interaction.reply({
          content: 'Waymark works inside a server it has joined. Use its commands there.',
          flags: MessageFlags.Ephemeral,
          allowedMentions: NO_MENTIONS,
        });
      }
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command)
        throw new UserError('This command is no longer available. It may take a minute to disappear.');
      checkPermissions(command, interaction);
      enforceRateLimit(command, interaction.user.id, subcommandPath(interaction));
      await command.execute(interaction, ctx);
      return;
    }
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      if (!command?.autocomplete) return interaction.respond([]);
      await command.autocomplete(interaction, ctx);
      return;
    }
    if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
      const id = parseCustomId(interaction.customId);
      const command = byName.get(id.command);
      if (interaction.isModalSubmit() && command?.handleModal) {
        // A form belongs to its command as a whole, so its submits share the command's budget.
        enforceRateLimit(command, interaction.user.id, '');
        await command.handleModal(interaction, ctx, id);
        return;
      }
      if (interaction.isMessageComponent() && command?.handleComponent) {
        await command.handleComponent(interaction, ctx, id);
        return;
      }
      throw new UserError('This button has expired. Run the command again.');
    }
  }

  return {
    get inFlight() {
      return inFlight.size;
    },
    async handle(interaction) {
      if (!accepting) {
        if (interaction.isRepliable()) {
          await interaction
            .reply({
              content: 'Waymark is restarting. Try again in a few seconds.',
              flags: MessageFlags.Ephemeral,
              allowedMentions: NO_MENTIONS,
            })
            .catch(() => undefined);
        }
        return;
      }
      const work = dispatch(interaction).catch((error: unknown) =>
        handleInteractionError(interaction, error, ctx),
      );
      inFlight.add(work);
      try {
        await work;
      } finally {
        inFlight.delete(work);
      }
    },
    async drain(timeoutMs) {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
    },
  };
}
