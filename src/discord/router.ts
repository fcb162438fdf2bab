import {
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionsBitField,
} from 'discord.js';
import type { AppContext } from '../context.js';
import { permissionLabel } from '../shared/discord-permissions.js';
import { relativeTime } from '../shared/discord-time.js';
import { settleWithin } from '../shared/settle-within.js';
import { UserError } from '../shared/user-error.js';
import type { CommandRoute, SlashCommand } from './command.js';
import { readCommandOptions } from './command-options.js';
import { parseCustomId } from './custom-id.js';
import { handleInteractionError } from './error-boundary.js';
import { NO_MENTIONS } from './mentions.js';
import { RateLimiter, type RateLimitRule } from './rate-limiter.js';

/** Generous enough for normal use, tight enough that a stuck key or a script is slowed down. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { uses: 8, windowMs: 20_000 };

/**
 * Interactions worked on at once. Discord gives 3 s to acknowledge one, so a backlog longer than
 * the bot clears in that time only makes every member wait and then fail, while memory grows
 * with it; past this many, a new interaction is turned away at once instead.
 */
export const MAX_INTERACTIONS_IN_PROGRESS = 100;

export const BUSY_REPLY = 'Waymark is busy — try again in a few seconds.';
const RESTARTING_REPLY = 'Waymark is restarting. Try again in a few seconds.';

export interface InteractionRouter {
  handle(interaction: Interaction): Promise<void>;
  /** Stops accepting new interactions and waits (bounded) for those in flight. */
  drain(timeoutMs: number): Promise<void>;
  readonly inFlight: number;
}

/** A private note instead of the work; autocomplete, which cannot take one, gets no suggestions. */
async function turnAway(interaction: Interaction, content: string): Promise<void> {
  if (interaction.isAutocomplete()) {
    await interaction.respond([]).catch(() => undefined);
  } else if (interaction.isRepliable()) {
    await interaction
      .reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
      .catch(() => undefined);
  }
}

function checkPermissions(
  route: CommandRoute,
  commandLabel: string,
  interaction: ChatInputCommandInteraction<'cached'>,
): void {
  if (!route.permissions) return;
  const missing = interaction.memberPermissions.missing(new PermissionsBitField(route.permissions));
  if (missing.length > 0) {
    throw new UserError(`${commandLabel} needs the ${missing.map(permissionLabel).join(', ')} permission.`);
  }
}

export function createInteractionRouter(
  commands: readonly SlashCommand[],
  ctx: AppContext,
): InteractionRouter {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const rateLimiter = new RateLimiter(ctx.clock);
  const inFlight = new Set<Promise<void>>();
  let working = 0;
  let accepting = true;

  /**
   * A subcommand with a budget of its own spends that; every other use of the command spends
   * the command's shared budget, so a script cannot multiply its allowance across subcommands.
   */
  function enforceRateLimit(command: SlashCommand, userId: string, path: string): void {
    const own = path === '' ? undefined : command.routes.get(path)?.rateLimit;
    const scope = own ? path : '*';
    const verdict = rateLimiter.take(
      `${userId}:${command.data.name}:${scope}`,
      own ?? command.rateLimit ?? command.routes.get('')?.rateLimit ?? DEFAULT_RATE_LIMIT,
    );
    if (!verdict.allowed) {
      const name = [command.data.name, own ? path : ''].filter(Boolean).join(' ');
      throw new UserError(`Easy there — you can use /${name} again ${relativeTime(verdict.retryAt)}.`);
    }
  }

  async function runCommand(interaction: ChatInputCommandInteraction<'cached'>): Promise<void> {
    const command = byName.get(interaction.commandName);
    const { path, values } = command
      ? readCommandOptions(command.definition, interaction.options.data)
      : { path: '', values: {} };
    const route = command?.routes.get(path);
    if (!command || !route) {
      throw new UserError('This command is no longer available. It may take a minute to disappear.');
    }
    const label = `/${[interaction.commandName, path].filter(Boolean).join(' ')}`;
    checkPermissions(route, label, interaction);
    enforceRateLimit(command, interaction.user.id, path);
    for (const precondition of route.preconditions ?? []) await precondition.check(interaction, ctx, values);
    await route.execute(interaction, ctx, values);
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
    if (interaction.isChatInputCommand()) return runCommand(interaction);
    if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused(true);
      const respond = byName.get(interaction.commandName)?.autocomplete.get(focused.name);
      if (!respond) return interaction.respond([]);
      return respond(interaction, ctx);
    }
    if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
    const id = parseCustomId(interaction.customId);
    const command = byName.get(id.command);
    if (interaction.isModalSubmit()) {
      const submit = command?.modals.get(id.action);
      if (submit && command) {
        // A form belongs to its command as a whole, so its submits share the command's budget.
        enforceRateLimit(command, interaction.user.id, '');
        return submit(interaction, ctx, id);
      }
    } else if (interaction.isButton()) {
      const button = command?.buttons.get(id.action);
      if (button) {
        for (const precondition of button.preconditions ?? []) await precondition.check(interaction, ctx, id);
        return button.press(interaction, ctx, id);
      }
    } else if (interaction.isStringSelectMenu()) {
      const select = command?.selects.get(id.action);
      if (select) return select(interaction, ctx, id);
    }
    const what = interaction.isModalSubmit() ? 'form' : 'button';
    throw new UserError(`This ${what} has expired. Run /${id.command || 'the command'} again.`);
  }

  /** Everything under way, turn-aways included, so a shutdown waits for it all. */
  async function track(work: Promise<void>): Promise<void> {
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  }

  return {
    get inFlight() {
      return inFlight.size;
    },
    async handle(interaction) {
      if (!accepting) {
        if (interaction.isRepliable()) await turnAway(interaction, RESTARTING_REPLY);
        return;
      }
      if (working >= MAX_INTERACTIONS_IN_PROGRESS) {
        await track(turnAway(interaction, BUSY_REPLY));
        return;
      }
      working += 1;
      try {
        await track(
          dispatch(interaction).catch((error: unknown) => handleInteractionError(interaction, error, ctx)),
        );
      } finally {
        working -= 1;
      }
    },
    async drain(timeoutMs) {
      accepting = false;
      await settleWithin(Promise.allSettled([...inFlight]), timeoutMs);
    },
  };
}
