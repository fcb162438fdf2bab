import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  ModalSubmitInteraction,
  PermissionResolvable,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AppContext } from '../context.js';
import type { CustomId } from './custom-id.js';
import type { RateLimitRule } from './rate-limiter.js';

/**
 * One top-level slash command: its definition and its handlers. Handlers stay thin: read
 * options, call domain and data functions, format the reply.
 */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Permissions checked by the router before `execute`, keyed by subcommand path
   * (`"import"`, `"group sub"`) or `"*"` for the whole command. Discord's
   * `default_member_permissions` only hides commands and can be overridden by admins,
   * so the bot checks for itself.
   */
  permissions?: Readonly<Record<string, PermissionResolvable>>;
  /**
   * Per-member rate limits, keyed like `permissions` by subcommand path or `"*"`, where the
   * work differs (an admin's setup steps, ticking off a phase). A path with a rule of its own
   * has a budget of its own; the other paths share the command's budget (`"*"`, else the
   * router's default).
   */
  rateLimit?: Readonly<Record<string, RateLimitRule>>;
  execute(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction<'cached'>, ctx: AppContext): Promise<void>;
  /** Buttons and select menus whose custom id starts with this command's name. */
  handleComponent?(
    interaction: MessageComponentInteraction<'cached'>,
    ctx: AppContext,
    id: CustomId,
  ): Promise<void>;
  /** Modals whose custom id starts with this command's name. */
  handleModal?(interaction: ModalSubmitInteraction<'cached'>, ctx: AppContext, id: CustomId): Promise<void>;
}

/** The subcommand path of an interaction: `""`, `"sub"` or `"group sub"`. */
export function subcommandPath(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false);
  return [group, sub].filter(Boolean).join(' ');
}
