/**
 * Interaction payloads as Discord sends them, built against the double's state. Anything a real client
 * could not produce (an unregistered command or option, a missing required option, a button that is not
 * on the message, a modal the bot never opened) throws instead of silently producing a fake payload.
 */
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  type APIInteractionDataResolvedGuildMember,
  type APIMessageComponentInteraction,
  type APIModalInteractionResponseCallbackComponent,
  type APIModalSubmissionComponent,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type ModalSubmitComponent,
} from 'discord-api-types/v10';
import type { CommandStore } from './commands.js';
import { interactionToken, snowflake } from './ids.js';
import { type InteractionStore, interactionUser } from './interactions.js';
import { has } from './permissions.js';
import { type DoubleState, isThread } from './state.js';

export type OptionInput =
  | string
  | number
  | boolean
  | { user: string | APIUser }
  | { role: string }
  | { channel: string }
  | { attachment: APIAttachment };

interface CommandTarget {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Defaults to the seeded non-admin member. */
  user?: string | APIUser;
  /** Defaults to the default guild's #general. */
  channelId?: string;
  locale?: Locale;
  /** Dispatch even if Discord would hide the command from this user (default_member_permissions). */
  ignoreDefaultMemberPermissions?: boolean;
}

export interface SlashInput extends CommandTarget {
  options?: Record<string, OptionInput>;
}

export interface AutocompleteInput extends CommandTarget {
  /** Options typed so far; required ones may be missing. */
  options?: Record<string, OptionInput>;
  /** Name of the option being typed into; its value defaults to ''. */
  focused: string;
}

export interface ComponentInput {
  customId: string;
  /** The message carrying the component (as returned by messagesIn / final().message) or its id. */
  message: { id: string } | string;
  /** Defaults to the seeded member, or for an ephemeral message to the user it was shown to. */
  user?: string | APIUser;
}

export interface SelectInput extends ComponentInput {
  values: string[];
}

export interface ModalSubmitInput {
  customId: string;
  /** custom_id → typed text (text inputs) or chosen values (string selects). */
  fields: Record<string, string | string[]>;
  /** Defaults to the user the modal was shown to. */
  user?: string | APIUser;
}

interface OptionDef {
  type: ApplicationCommandOptionType;
  name: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionDef[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  channel_types?: ChannelType[];
}

interface LooseComponent {
  type: ComponentType;
  id?: number;
  custom_id?: string;
  disabled?: boolean;
  required?: boolean;
  value?: string;
  min_length?: number;
  max_length?: number;
  min_values?: number;
  max_values?: number;
  options?: { value: string }[];
  components?: LooseComponent[];
  component?: LooseComponent;
  accessory?: LooseComponent;
}

/** Where resolved users/roles/channels/attachments of one interaction are collected. */
interface ResolveContext {
  guildId: string;
  /** The invoking user (resolved channels carry their permissions). */
  userId: string;
  resolved: APIInteractionDataResolved;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export class InteractionBuilders {
  constructor(
    private readonly state: DoubleState,
    private readonly commands: CommandStore,
    private readonly interactions: InteractionStore,
    private readonly defaults: { userId: string; channelId: string },
  ) {}

  slash(input: SlashInput): APIChatInputApplicationCommandInteraction {
    const { base, command, options, resolved } = this.command(input, input.options ?? {}, undefined);
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.ChatInput,
        ...(command.guild_id ? { guild_id: command.guild_id } : {}),
        ...(options.length ? { options } : {}),
        ...(resolved ? { resolved } : {}),
      },
    } as APIChatInputApplicationCommandInteraction;
  }

  autocomplete(input: AutocompleteInput): APIApplicationCommandAutocompleteInteraction {
    const typed = { ...input.options, [input.focused]: input.options?.[input.focused] ?? '' };
    const { base, command, options } = this.command(input, typed, input.focused);
    return {
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.ChatInput,
        ...(command.guild_id ? { guild_id: command.guild_id } : {}),
        options,
      },
    } as APIApplicationCommandAutocompleteInteraction;
  }

  button(input: ComponentInput): APIMessageComponentInteraction {
    const { base, message, component } = this.component(input, [ComponentType.Button]);
    return {
      ...base,
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: component.custom_id!, component_type: ComponentType.Button },
    } as APIMessageComponentInteraction;
  }

  select(input: SelectInput): APIMessageComponentInteraction {
    const selectTypes = [
      ComponentType.StringSelect,
      ComponentType.UserSelect,
      ComponentType.RoleSelect,
      ComponentType.MentionableSelect,
      ComponentType.ChannelSelect,
    ];
    const { base, message, component } = this.component(input, selectTypes);
    this.checkValues(component, input.values, `select "${input.customId}"`);
    const resolved = this.resolveSelected(component.type, input.values, {
      guildId: base.guild_id,
      userId: base.member.user.id,
    });
    return {
      ...base,
      type: InteractionType.MessageComponent,
      message,
      data: {
        custom_id: input.customId,
        component_type: component.type,
        values: input.values,
        ...(resolved ? { resolved } : {}),
      },
    } as APIMessageComponentInteraction;
  }

  modalSubmit(input: ModalSubmitInput): APIModalSubmitInteraction {
    const trigger = this.interactions.lastModal(input.customId);
    if (!trigger) throw new Error(`The bot never answered an interaction with a modal "${input.customId}"`);
    const opener = interactionUser(trigger.payload);
    const user = input.user === undefined ? opener : this.userOf(input.user);
    if (user.id !== opener.id)
      throw new Error(`Modal "${input.customId}" was shown to ${opener.username}, not ${user.username}`);
    const modal = (trigger.callback!.data as { components: APIModalInteractionResponseCallbackComponent[] })
      .components;
    const unused = new Set(Object.keys(input.fields));
    let nextId = 0;
    const submitted = (component: LooseComponent): ModalSubmitComponent => {
      nextId += 1;
      const id = component.id ?? nextId;
      const customId = component.custom_id!;
      unused.delete(customId);
      const given = input.fields[customId];
      if (component.type === ComponentType.TextInput) {
        const value = typeof given === 'string' ? given : (component.value ?? '');
        this.checkTextInput(component, value, customId);
        return { type: ComponentType.TextInput, id, custom_id: customId, value };
      }
      if (component.type === ComponentType.StringSelect) {
        const values = Array.isArray(given) ? given : [];
        this.checkValues(component, values, `modal select "${customId}"`);
        return { type: ComponentType.StringSelect, id, custom_id: customId, values };
      }
      throw new Error(
        `Modal component type ${component.type} ("${customId}") is not supported by the double`,
      );
    };
    const components = (modal as LooseComponent[]).map((row): APIModalSubmissionComponent => {
      nextId += 1;
      const id = row.id ?? nextId;
      if (row.type === ComponentType.ActionRow) {
        const inputs = (row.components ?? []).map(submitted);
        return { type: ComponentType.ActionRow, id, components: inputs } as APIModalSubmissionComponent;
      }
      if (row.type === ComponentType.Label)
        return { type: ComponentType.Label, id, component: submitted(row.component!) };
      return { type: ComponentType.TextDisplay, id };
    });
    if (unused.size > 0)
      throw new Error(`Modal "${input.customId}" has no field(s): ${[...unused].join(', ')}`);
    const base = this.base(user, trigger.payload.channel!.id);
    const source =
      trigger.payload.type === InteractionType.MessageComponent ? trigger.payload.message : undefined;
    return {
      ...base,
      type: InteractionType.ModalSubmit,
      data: { custom_id: input.customId, components },
      ...(source ? { message: this.state.messages.get(source.id).message } : {}),
    } as APIModalSubmitInteraction;
  }

  // ------------------------------------------------------------------------------------ internals

  /** Fields shared by every guild interaction. */
  private base(user: APIUser, channelId: string) {
    const channel = this.state.channel(channelId);
    const guild = this.state.guildOf(channel);
    if (!guild)
      throw new Error('The double only builds guild interactions (all Waymark commands are guild-only)');
    if (!guild.members.has(user.id)) throw new Error(`${user.username} is not a member of guild ${guild.id}`);
    const permissions = this.state.permissionsIn(channelId, user.id);
    const id = snowflake();
    // Discord sends the channel with the invoking member's computed permissions in it.
    const channelPayload = { ...structuredClone(channel), permissions: permissions.toString() };
    return {
      id,
      application_id: this.state.application.id,
      token: interactionToken(id),
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel: channelPayload,
      channel_id: channelId,
      member: { ...this.state.memberPayload(guild.id, user.id), permissions: permissions.toString() },
      app_permissions: this.state.permissionsIn(channelId, this.state.bot.id).toString(),
      locale: Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
  }

  private userOf(user: string | APIUser | undefined): APIUser {
    return this.state.user(typeof user === 'object' ? user.id : (user ?? this.defaults.userId));
  }

  private command(target: CommandTarget, input: Record<string, OptionInput>, focused: string | undefined) {
    const channelId = target.channelId ?? this.defaults.channelId;
    const user = this.userOf(target.user);
    const base = this.base(user, channelId);
    if (target.locale) base.locale = target.locale;
    const command = this.commands.find(base.guild_id, target.name);
    if (!command) {
      const known = [...this.commands.list('global'), ...this.commands.list(base.guild_id)].map(
        (c) => c.name,
      );
      throw new Error(
        `/${target.name} is not registered; the bot registered: ${known.join(', ') || 'nothing'}`,
      );
    }
    if (command.contexts && !command.contexts.includes(InteractionContextType.Guild)) {
      throw new Error(`/${target.name} is not available in guilds (contexts ${command.contexts.join(',')})`);
    }
    if (command.default_member_permissions !== null && !target.ignoreDefaultMemberPermissions) {
      const required = BigInt(command.default_member_permissions);
      if (!has(this.state.guildPermissions(base.guild_id, user.id), required)) {
        throw new Error(
          `Discord hides /${target.name} from ${user.username}: default_member_permissions ${required} not held ` +
            '(pass ignoreDefaultMemberPermissions to simulate an override)',
        );
      }
    }
    const label = [target.name, target.subcommandGroup, target.subcommand].filter(Boolean).join(' ');
    let defs = (command.options ?? []) as OptionDef[];
    const pick = (type: ApplicationCommandOptionType, name: string) => {
      const found = defs.find((d) => d.type === type && d.name === name);
      if (!found)
        throw new Error(`/${label}: "${name}" is not a registered ${ApplicationCommandOptionType[type]}`);
      return found;
    };
    if (target.subcommandGroup)
      defs = pick(ApplicationCommandOptionType.SubcommandGroup, target.subcommandGroup).options ?? [];
    if (target.subcommand)
      defs = pick(ApplicationCommandOptionType.Subcommand, target.subcommand).options ?? [];
    if (
      defs.some(
        (d) =>
          d.type === ApplicationCommandOptionType.Subcommand ||
          d.type === ApplicationCommandOptionType.SubcommandGroup,
      )
    ) {
      throw new Error(`/${label} needs a subcommand (${defs.map((d) => d.name).join(', ')})`);
    }
    const resolved: APIInteractionDataResolved = {};
    let options = this.leafOptions(defs, input, {
      label,
      guildId: base.guild_id,
      userId: user.id,
      resolved,
      focused,
    });
    if (target.subcommand) {
      options = [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: target.subcommand,
          options,
        } as APIApplicationCommandInteractionDataOption,
      ];
    }
    if (target.subcommandGroup) {
      options = [
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: target.subcommandGroup,
          options,
        } as APIApplicationCommandInteractionDataOption,
      ];
    }
    return { base, command, options, resolved: Object.keys(resolved).length ? resolved : undefined };
  }

  private leafOptions(
    defs: OptionDef[],
    input: Record<string, OptionInput>,
    ctx: ResolveContext & { label: string; focused: string | undefined },
  ): APIApplicationCommandInteractionDataOption[] {
    for (const name of Object.keys(input)) {
      if (!defs.some((d) => d.name === name)) {
        throw new Error(
          `/${ctx.label} has no option "${name}" (registered: ${defs.map((d) => d.name).join(', ') || 'none'})`,
        );
      }
    }
    const result: APIApplicationCommandInteractionDataOption[] = [];
    for (const def of defs) {
      const given = input[def.name];
      const where = `/${ctx.label} option "${def.name}"`;
      if (given === undefined) {
        if (def.required && ctx.focused === undefined) throw new Error(`${where} is required`);
        continue;
      }
      if (def.name === ctx.focused) {
        if (!def.autocomplete) throw new Error(`${where} does not have autocomplete enabled`);
        // While typing, Discord sends the raw text whatever the option's type.
        result.push({
          name: def.name,
          type: def.type,
          value: given,
          focused: true,
        } as APIApplicationCommandInteractionDataOption);
        continue;
      }
      result.push({
        name: def.name,
        type: def.type,
        value: this.optionValue(def, given, where, ctx),
      } as APIApplicationCommandInteractionDataOption);
    }
    return result;
  }

  private optionValue(
    def: OptionDef,
    given: OptionInput,
    where: string,
    ctx: ResolveContext,
  ): string | number | boolean {
    const T = ApplicationCommandOptionType;
    const fail = (why: string): never => {
      throw new Error(`${where}: ${why} (got ${JSON.stringify(given)})`);
    };
    switch (def.type) {
      case T.String:
      case T.Integer:
      case T.Number: {
        const expected = def.type === T.String ? 'string' : 'number';
        if (typeof given !== expected) fail(`expected a ${expected}`);
        if (def.type === T.Integer && !Number.isInteger(given)) fail('expected an integer');
        if (def.choices && !def.choices.some((c) => c.value === given))
          fail(`not one of the choices ${def.choices.map((c) => c.value).join(', ')}`);
        if (
          typeof given === 'string' &&
          (given.length < (def.min_length ?? 0) || given.length > (def.max_length ?? 6000))
        )
          fail('length out of range');
        if (
          typeof given === 'number' &&
          (given < (def.min_value ?? -Infinity) || given > (def.max_value ?? Infinity))
        )
          fail('value out of range');
        return given as string | number;
      }
      case T.Boolean:
        return typeof given === 'boolean' ? given : fail('expected a boolean');
      case T.User:
      case T.Mentionable:
        if (typeof given === 'object' && 'user' in given) return this.resolveUser(given.user, ctx);
        if (def.type === T.Mentionable && typeof given === 'object' && 'role' in given)
          return this.resolveRole(given.role, ctx);
        return fail('expected { user }');
      case T.Role:
        return typeof given === 'object' && 'role' in given
          ? this.resolveRole(given.role, ctx)
          : fail('expected { role }');
      case T.Channel: {
        if (typeof given !== 'object' || !('channel' in given)) return fail('expected { channel }');
        const channel = this.resolveChannel(given.channel, ctx);
        if (def.channel_types && !def.channel_types.includes(channel.type))
          fail(`channel type ${channel.type} not allowed`);
        return channel.id;
      }
      case T.Attachment: {
        if (typeof given !== 'object' || !('attachment' in given))
          return fail('expected { attachment } (see hostAttachment)');
        ctx.resolved.attachments ??= {};
        ctx.resolved.attachments[given.attachment.id] = given.attachment;
        return given.attachment.id;
      }
      default:
        return fail(`option type ${def.type} unsupported`);
    }
  }

  private resolveUser(user: string | APIUser, ctx: ResolveContext): string {
    const resolvedUser = this.state.user(typeof user === 'string' ? user : user.id);
    ctx.resolved.users ??= {};
    ctx.resolved.users[resolvedUser.id] = resolvedUser;
    if (this.state.guild(ctx.guildId).members.has(resolvedUser.id)) {
      ctx.resolved.members ??= {};
      ctx.resolved.members[resolvedUser.id] = this.resolvedMember(ctx.guildId, resolvedUser.id);
    }
    return resolvedUser.id;
  }

  private resolvedMember(guildId: string, userId: string): APIInteractionDataResolvedGuildMember {
    const { user: _user, deaf: _deaf, mute: _mute, ...member } = this.state.memberPayload(guildId, userId);
    return { ...member, permissions: this.state.guildPermissions(guildId, userId).toString() };
  }

  private resolveRole(roleId: string, ctx: ResolveContext): string {
    const role = this.state.guild(ctx.guildId).roles.get(roleId);
    if (!role) throw new Error(`Unknown role ${roleId}`);
    ctx.resolved.roles ??= {};
    ctx.resolved.roles[role.id] = role;
    return role.id;
  }

  private resolveChannel(channelId: string, ctx: ResolveContext) {
    const channel = this.state.channel(channelId);
    if (channel.type === ChannelType.DM || channel.guild_id !== ctx.guildId) {
      throw new Error(`Channel ${channelId} is not in guild ${ctx.guildId}`);
    }
    // `permissions` is what the invoking member may do there.
    const entry = {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions: this.state.permissionsIn(channel.id, ctx.userId).toString(),
      ...(isThread(channel)
        ? { parent_id: channel.parent_id, thread_metadata: channel.thread_metadata }
        : {}),
    } as APIInteractionDataResolvedChannel;
    ctx.resolved.channels ??= {};
    ctx.resolved.channels[channel.id] = entry;
    return channel;
  }

  private component(input: ComponentInput, types: ComponentType[]) {
    const messageId = typeof input.message === 'string' ? input.message : input.message.id;
    const record = this.state.messages.get(messageId);
    const component = findComponent(
      record.message.components as LooseComponent[] | undefined,
      input.customId,
    );
    if (!component || !types.includes(component.type)) {
      throw new Error(
        `Message ${messageId} has no ${types.map((t) => ComponentType[t]).join('/')} "${input.customId}"`,
      );
    }
    if (component.disabled)
      throw new Error(`Component "${input.customId}" is disabled; Discord clients cannot use it`);
    let user = this.userOf(input.user);
    if (record.ephemeral && record.interactionId) {
      // Only the user an ephemeral message was shown to can click it.
      const owner = record.message.interaction_metadata?.user;
      if (owner && input.user === undefined) user = owner;
      else if (owner && owner.id !== user.id)
        throw new Error(`Ephemeral message ${messageId} is only visible to ${owner.username}`);
    }
    return {
      base: this.base(user, record.message.channel_id),
      message: structuredClone(record.message),
      component,
    };
  }

  private checkValues(component: LooseComponent, values: string[], where: string): void {
    const min = component.min_values ?? 1;
    const max = component.max_values ?? 1;
    if (values.length < min || values.length > max)
      throw new Error(`${where}: pick between ${min} and ${max} values`);
    if (component.type === ComponentType.StringSelect) {
      const allowed = (component.options ?? []).map((o) => o.value);
      const bad = values.filter((v) => !allowed.includes(v));
      if (bad.length) throw new Error(`${where}: ${bad.join(', ')} not among options ${allowed.join(', ')}`);
    }
  }

  private checkTextInput(component: LooseComponent, value: string, customId: string): void {
    if ((component.required ?? true) && value === '')
      throw new Error(`Modal field "${customId}" is required`);
    if (value !== '' && value.length < (component.min_length ?? 0))
      throw new Error(`Modal field "${customId}" is shorter than min_length`);
    if (value.length > (component.max_length ?? 4000))
      throw new Error(`Modal field "${customId}" is longer than max_length`);
  }

  private resolveSelected(type: ComponentType, values: string[], who: { guildId: string; userId: string }) {
    if (type === ComponentType.StringSelect) return undefined;
    const ctx: ResolveContext = { ...who, resolved: {} };
    for (const value of values) {
      if (type === ComponentType.ChannelSelect) this.resolveChannel(value, ctx);
      else if (type === ComponentType.RoleSelect) this.resolveRole(value, ctx);
      else if (type === ComponentType.UserSelect || this.state.users.has(value)) this.resolveUser(value, ctx);
      else this.resolveRole(value, ctx);
    }
    return ctx.resolved;
  }
}

/** Depth-first search through action rows, V2 containers/sections and their accessories. */
function findComponent(
  components: LooseComponent[] | undefined,
  customId: string,
): LooseComponent | undefined {
  for (const component of components ?? []) {
    if (component.custom_id === customId) return component;
    const nested = [...(component.components ?? []), ...(component.accessory ? [component.accessory] : [])];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}
