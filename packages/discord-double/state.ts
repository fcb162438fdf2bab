import {
  type APIDMChannel,
  type APIGuild,
  type APIGuildMember,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  ChannelType,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  type RoleFlags,
  ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import { apiErrors } from './errors.js';
import type { Dispatcher } from './gateway.js';
import { isoNow, snowflake, snowflakeOnShard } from './ids.js';
import { MessageStore } from './messages.js';
import {
  ALL_PERMISSIONS,
  applyOverwrites,
  basePermissions,
  DEFAULT_ADMIN_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
} from './permissions.js';

/** Text channels always carry guild_id in the double (stripped only inside GUILD_CREATE). */
export type GuildTextChannel = APITextChannel & { guild_id: string };
export type ThreadChannel = APIThreadChannel;
export type StoredChannel = GuildTextChannel | ThreadChannel | APIDMChannel;

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: Map<string, APIRole>;
  members: Map<string, MemberState>;
  /** The managed role Discord creates for a bot when it joins; carries the invite's permissions. */
  botRoleId: string;
  adminRoleId: string;
  /** Where Discord posts join and boost notices; null when the server turned them off. */
  systemChannelId: string | null;
}

export interface AddUserInput {
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface AddMemberInput {
  guildId?: string;
  roles?: string[];
  /** Creates a dedicated role holding exactly these permissions (on top of @everyone's). */
  permissions?: bigint;
  nick?: string | null;
}

export interface AddGuildInput {
  name?: string;
  ownerId?: string;
  botPermissions?: bigint;
  everyonePermissions?: bigint;
  /** Discord makes a new server's first text channel its system channel; `false`: none. */
  systemChannel?: boolean;
  /** `[shard_id, shard_count]`: an id that this shard owns, for tests that place guilds on shards. */
  shard?: [number, number];
}

export interface AddChannelInput {
  guildId?: string;
  name: string;
  topic?: string | null;
}

export interface CreateThreadInput {
  parentId: string;
  name: string;
  type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread;
  ownerId: string;
  autoArchiveDuration?: ThreadAutoArchiveDuration;
  rateLimitPerUser?: number;
  invitable?: boolean;
  /** Threads started from a message reuse the message's id (a Discord quirk tests may rely on). */
  starterMessageId?: string;
}

export interface ThreadPatch {
  name?: string;
  archived?: boolean;
  locked?: boolean;
  auto_archive_duration?: ThreadAutoArchiveDuration;
  rate_limit_per_user?: number;
  invitable?: boolean;
}

export interface TextChannelPatch {
  name?: string;
  topic?: string | null;
  rate_limit_per_user?: number;
  permission_overwrites?: APIOverwrite[];
}

export function isThread(channel: StoredChannel): channel is ThreadChannel {
  return (
    channel.type === ChannelType.PublicThread ||
    channel.type === ChannelType.PrivateThread ||
    channel.type === ChannelType.AnnouncementThread
  );
}

/**
 * Everything the fake Discord knows. Mutations that Discord would announce on the gateway call
 * `dispatch`; the gateway decides which sessions may see them (intents).
 */
export class DoubleState {
  readonly application: { id: string; name: string; flags: number };
  readonly bot: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, StoredChannel>();
  readonly threadMembers = new Map<string, Set<string>>();
  private readonly dmChannelByUser = new Map<string, string>();
  readonly closedDms = new Set<string>();
  readonly messages: MessageStore;

  constructor(
    readonly token: string,
    private readonly dispatch: Dispatcher,
    baseUrl: () => string,
  ) {
    this.application = { id: snowflake(), name: 'Waymark', flags: 0 };
    // Discord gives a bot user the application's id.
    this.bot = {
      id: this.application.id,
      username: 'Waymark',
      discriminator: '4821',
      global_name: null,
      avatar: null,
      bot: true,
    };
    this.users.set(this.bot.id, this.bot);
    this.messages = new MessageStore(this, dispatch, baseUrl);
  }

  // ---------------------------------------------------------------- users and members

  addUser(input: AddUserInput = {}): APIUser {
    const id = snowflake();
    const username = input.username ?? `user${id.slice(-6)}`;
    const user: APIUser = {
      id,
      username,
      discriminator: '0',
      global_name: input.globalName === undefined ? username : input.globalName,
      avatar: null,
      ...(input.bot ? { bot: true } : {}),
    };
    this.users.set(id, user);
    return user;
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw apiErrors.unknownUser();
    return user;
  }

  addRole(guildId: string, input: { name: string; permissions: bigint }): APIRole {
    const guild = this.guild(guildId);
    const role = makeRole(snowflake(), input.name, input.permissions, guild.roles.size);
    guild.roles.set(role.id, role);
    this.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role });
    return role;
  }

  addMember(userId: string, input: AddMemberInput & { guildId: string }): MemberState {
    const guild = this.guild(input.guildId);
    const roles = [...(input.roles ?? [])];
    if (input.permissions !== undefined) {
      roles.push(
        this.addRole(guild.id, {
          name: `perms-${this.user(userId).username}`,
          permissions: input.permissions,
        }).id,
      );
    }
    const member: MemberState = { userId, roles, nick: input.nick ?? null, joinedAt: isoNow() };
    guild.members.set(userId, member);
    this.dispatch(GatewayDispatchEvents.GuildMemberAdd, {
      ...this.memberPayload(guild.id, userId),
      guild_id: guild.id,
    });
    return member;
  }

  member(guildId: string, userId: string): MemberState {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw apiErrors.unknownMember();
    return member;
  }

  memberPayload(guildId: string, userId: string): APIGuildMember {
    const member = this.member(guildId, userId);
    return {
      user: this.user(userId),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: member.roles,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  // ---------------------------------------------------------------- guilds and channels

  addGuild(input: AddGuildInput = {}): GuildState {
    const id = input.shard ? snowflakeOnShard(...input.shard) : snowflake();
    const ownerId = input.ownerId ?? this.addUser({ username: 'guild-owner' }).id;
    const everyone = makeRole(id, '@everyone', input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0);
    const admin = makeRole(snowflake(), 'admin', DEFAULT_ADMIN_PERMISSIONS, 1);
    const botRole: APIRole = {
      ...makeRole(snowflake(), this.bot.username, input.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 2),
      managed: true,
      tags: { bot_id: this.bot.id },
    };
    const guild: GuildState = {
      id,
      name: input.name ?? 'Waymark Test Guild',
      ownerId,
      joinedAt: isoNow(),
      roles: new Map([everyone, admin, botRole].map((role) => [role.id, role])),
      members: new Map(),
      botRoleId: botRole.id,
      adminRoleId: admin.id,
      systemChannelId: null,
    };
    this.guilds.set(id, guild);
    guild.members.set(ownerId, { userId: ownerId, roles: [], nick: null, joinedAt: isoNow() });
    guild.members.set(this.bot.id, {
      userId: this.bot.id,
      roles: [botRole.id],
      nick: null,
      joinedAt: guild.joinedAt,
    });
    const general = this.createTextChannel(id, { name: 'general' });
    if (input.systemChannel !== false) guild.systemChannelId = general.id;
    this.dispatch(GatewayDispatchEvents.GuildCreate, this.guildCreatePayload(id));
    return guild;
  }

  guild(id: string): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw apiErrors.unknownGuild();
    return guild;
  }

  /** Creates a text channel and announces it (CHANNEL_CREATE). */
  addChannel(input: AddChannelInput & { guildId: string }): GuildTextChannel {
    const channel = this.createTextChannel(input.guildId, input);
    this.dispatch(GatewayDispatchEvents.ChannelCreate, channel);
    return channel;
  }

  private createTextChannel(guildId: string, input: AddChannelInput): GuildTextChannel {
    const position = this.guildChannels(guildId).length;
    const channel: GuildTextChannel = {
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: input.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: input.topic ?? null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channel(id: string): StoredChannel {
    const channel = this.channels.get(id);
    if (!channel) throw apiErrors.unknownChannel();
    return channel;
  }

  guildChannels(guildId: string): GuildTextChannel[] {
    return [...this.channels.values()].filter(
      (c): c is GuildTextChannel => c.type === ChannelType.GuildText && c.guild_id === guildId,
    );
  }

  threadsOf(guildId: string): ThreadChannel[] {
    return [...this.channels.values()].filter(
      (c): c is ThreadChannel => isThread(c) && c.guild_id === guildId,
    );
  }

  /** The guild a channel belongs to (threads via their guild_id), or undefined for DMs. */
  guildOf(channel: StoredChannel): GuildState | undefined {
    return channel.type === ChannelType.DM ? undefined : this.guild(channel.guild_id!);
  }

  // ---------------------------------------------------------------- permissions

  /** A member's effective permissions in a channel; threads inherit their parent's overwrites. */
  permissionsIn(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    if (channel.type === ChannelType.DM) return ALL_PERMISSIONS;
    const guild = this.guildOf(channel)!;
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const subject = { userId, roleIds: member.roles };
    const base = basePermissions(subject, { id: guild.id, ownerId: guild.ownerId, roles: guild.roles });
    const overwriteSource = isThread(channel) ? this.channel(channel.parent_id!) : channel;
    const overwrites =
      overwriteSource.type === ChannelType.GuildText ? overwriteSource.permission_overwrites : [];
    return applyOverwrites(base, subject, guild.id, overwrites ?? []);
  }

  guildPermissions(guildId: string, userId: string): bigint {
    const guild = this.guild(guildId);
    const member = this.member(guildId, userId);
    return basePermissions(
      { userId, roleIds: member.roles },
      { id: guild.id, ownerId: guild.ownerId, roles: guild.roles },
    );
  }

  /**
   * Pins the bot's permissions in one channel to exactly `permissions` with a member overwrite (allow the
   * given bits, deny all others). discord.js computes `permissionsFor(me)` from the same overwrite.
   */
  setBotPermissions(channelId: string, permissions: bigint): void {
    const channel = this.channel(channelId);
    if (channel.type !== ChannelType.GuildText) {
      throw new Error(
        `setBotPermissions: channel ${channelId} is not a guild text channel (threads inherit)`,
      );
    }
    const others = (channel.permission_overwrites ?? []).filter((o) => o.id !== this.bot.id);
    this.updateTextChannel(channel, {
      permission_overwrites: [
        ...others,
        {
          id: this.bot.id,
          type: OverwriteType.Member,
          allow: permissions.toString(),
          deny: (ALL_PERMISSIONS & ~permissions).toString(),
        },
      ],
    });
  }

  // ---------------------------------------------------------------- channel mutations

  updateTextChannel(channel: GuildTextChannel, patch: TextChannelPatch): GuildTextChannel {
    Object.assign(channel, patch);
    this.dispatch(GatewayDispatchEvents.ChannelUpdate, channel);
    return channel;
  }

  createThread(input: CreateThreadInput): ThreadChannel {
    const parent = this.channel(input.parentId);
    if (parent.type !== ChannelType.GuildText) throw apiErrors.wrongChannelType();
    const now = isoNow();
    const thread: ThreadChannel = {
      id: input.starterMessageId ?? snowflake(),
      type: input.type,
      guild_id: parent.guild_id!,
      parent_id: parent.id,
      owner_id: input.ownerId,
      name: input.name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: input.rateLimitPerUser ?? 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration:
          input.autoArchiveDuration ??
          parent.default_auto_archive_duration ??
          ThreadAutoArchiveDuration.OneDay,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(input.type === ChannelType.PrivateThread ? { invitable: input.invitable ?? true } : {}),
      },
    };
    this.channels.set(thread.id, thread);
    this.threadMembers.set(thread.id, new Set([input.ownerId]));
    this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return thread;
  }

  updateThread(thread: ThreadChannel, patch: ThreadPatch): ThreadChannel {
    const metadata = thread.thread_metadata!;
    if (patch.name !== undefined) thread.name = patch.name;
    if (patch.rate_limit_per_user !== undefined) thread.rate_limit_per_user = patch.rate_limit_per_user;
    if (patch.locked !== undefined) metadata.locked = patch.locked;
    if (patch.invitable !== undefined) metadata.invitable = patch.invitable;
    if (patch.auto_archive_duration !== undefined)
      metadata.auto_archive_duration = patch.auto_archive_duration;
    if (patch.archived !== undefined && patch.archived !== metadata.archived) {
      metadata.archived = patch.archived;
      // archive_timestamp tracks the last archive-status change, not the last edit.
      metadata.archive_timestamp = isoNow();
    }
    this.dispatch(GatewayDispatchEvents.ThreadUpdate, thread);
    return thread;
  }

  deleteChannel(channel: StoredChannel): void {
    this.channels.delete(channel.id);
    if (isThread(channel)) {
      this.threadMembers.delete(channel.id);
      this.dispatch(GatewayDispatchEvents.ThreadDelete, {
        id: channel.id,
        guild_id: channel.guild_id!,
        parent_id: channel.parent_id!,
        type: channel.type,
      });
      return;
    }
    if (channel.type === ChannelType.GuildText) {
      // A channel's threads go with it; Discord only announces the channel.
      for (const thread of this.threadsOf(channel.guild_id!)) {
        if (thread.parent_id === channel.id) this.channels.delete(thread.id);
      }
      this.dispatch(GatewayDispatchEvents.ChannelDelete, channel);
    }
  }

  /** POST /users/@me/channels: Discord returns the same DM channel for a user every time. */
  openDm(userId: string): APIDMChannel {
    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.channel(existing) as APIDMChannel;
    const channel: APIDMChannel = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      last_message_id: null,
      recipients: [this.user(userId)],
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  dmChannelOf(userId: string): string | undefined {
    return this.dmChannelByUser.get(userId);
  }

  // ---------------------------------------------------------------- payloads

  guildPayload(guildId: string): APIGuild {
    const guild = this.guild(guildId);
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: [...guild.roles.values()],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: guild.systemChannelId,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
    };
  }

  /**
   * GUILD_CREATE as a bot with only non-privileged intents receives it: the only member listed is the bot
   * itself (which discord.js needs for `guild.members.me` and `permissionsFor(me)`), channels come
   * without guild_id, and only active threads are included.
   */
  guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData {
    const guild = this.guild(guildId);
    return {
      ...this.guildPayload(guildId),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [this.memberPayload(guildId, this.bot.id)],
      channels: this.guildChannels(guildId).map(({ guild_id: _omitted, ...channel }) => channel),
      threads: this.threadsOf(guildId).filter((t) => !t.thread_metadata?.archived),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

function makeRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}
