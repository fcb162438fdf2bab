import {
  type APIMessage,
  ChannelType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits as P,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import { apiErrors, DiscordHttpError, FormErrors } from '../errors.js';
import type { MessageRecord } from '../messages.js';
import { has } from '../permissions.js';
import {
  type GuildTextChannel,
  isThread,
  type StoredChannel,
  type ThreadChannel,
  type ThreadPatch,
} from '../state.js';
import { asObject, assertNotEmpty, type Loose, validateMessage } from '../validation.js';
import { created, noContent, ok, type RestDeps, type RouteContext, type Router } from './router.js';

const ARCHIVE_DURATIONS: number[] = [
  ThreadAutoArchiveDuration.OneHour,
  ThreadAutoArchiveDuration.OneDay,
  ThreadAutoArchiveDuration.ThreeDays,
  ThreadAutoArchiveDuration.OneWeek,
];

/** Channels, messages, threads and DMs, with the bot's permissions enforced like Discord does. */
export function registerChannelRoutes(router: Router, deps: RestDeps): void {
  const { state } = deps;
  const { messages, bot } = state;
  const botPermissions = (channelId: string) => state.permissionsIn(channelId, bot.id);

  /** 10003 for unknown channels, 50001 for ones the bot cannot see (incl. private threads it is not in). */
  const visibleChannel = (channelId: string): StoredChannel => {
    const channel = state.channel(channelId);
    const permissions = botPermissions(channelId);
    if (!has(permissions, P.ViewChannel)) throw apiErrors.missingAccess();
    if (
      channel.type === ChannelType.PrivateThread &&
      !state.threadMembers.get(channel.id)?.has(bot.id) &&
      !has(permissions, P.ManageThreads)
    ) {
      throw apiErrors.missingAccess();
    }
    return channel;
  };
  const requirePermissions = (channelId: string, ...flags: bigint[]) => {
    if (!has(botPermissions(channelId), ...flags)) throw apiErrors.missingPermissions();
  };
  /** Enforced nonces, by channel, author and nonce: the message each created, and when. */
  const nonces = new Map<string, { messageId: string; at: number }>();
  /** A message as fetched: the nonce is only echoed by the create response and MESSAGE_CREATE. */
  const fetched = ({ nonce: _nonce, ...message }: APIMessage): APIMessage => message;
  const messageIn = (channelId: string, messageId: string): MessageRecord => {
    const record = messages.get(messageId);
    if (record.ephemeral || record.message.channel_id !== channelId) throw apiErrors.unknownMessage();
    return record;
  };

  router.add('GET', '/channels/:channelId', (ctx) => ok(visibleChannel(ctx.params.channelId!)));

  router.add('PATCH', '/channels/:channelId', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    if (isThread(channel)) return ok(patchThread(channel, asObject(ctx.body)));
    if (channel.type === ChannelType.GuildText) return ok(patchTextChannel(channel, asObject(ctx.body)));
    throw apiErrors.wrongChannelType();
  });

  router.add('DELETE', '/channels/:channelId', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    // Deleting a DM channel just closes it on the bot's side.
    if (channel.type === ChannelType.DM) return ok(channel);
    requirePermissions(channel.id, isThread(channel) ? P.ManageThreads : P.ManageChannels);
    state.deleteChannel(channel);
    return ok(channel);
  });

  router.add('POST', '/channels/:channelId/typing', (ctx) => {
    visibleChannel(ctx.params.channelId!);
    return noContent();
  });

  // ---------------------------------------------------------------------------------- messages

  router.add('GET', '/channels/:channelId/messages', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    const limit = Number(ctx.query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      const errors = new FormErrors();
      errors.add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
      errors.throwIfAny();
    }
    // Without Read Message History Discord answers an empty list rather than an error.
    if (!has(botPermissions(channel.id), P.ReadMessageHistory)) return ok([]);
    const cursor = (name: string) => ctx.query.get(name) ?? undefined;
    return ok(
      messages
        .list(channel.id, {
          limit,
          before: cursor('before'),
          after: cursor('after'),
          around: cursor('around'),
        })
        .map(fetched),
    );
  });

  router.add('POST', '/channels/:channelId/messages', (ctx) => ok(sendMessage(ctx).message));

  router.add('GET', '/channels/:channelId/messages/:messageId', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    requirePermissions(channel.id, P.ReadMessageHistory);
    return ok(fetched(messageIn(channel.id, ctx.params.messageId!).message));
  });

  router.add('PATCH', '/channels/:channelId/messages/:messageId', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    const record = messageIn(channel.id, ctx.params.messageId!);
    if (record.message.author.id !== bot.id) throw apiErrors.cannotEditOthersMessage();
    const body = validateMessage(ctx.body, [], { allowEphemeral: false });
    messages.edit(record, body, ctx.files);
    return ok(record.message);
  });

  router.add('DELETE', '/channels/:channelId/messages/:messageId', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    const record = messageIn(channel.id, ctx.params.messageId!);
    if (record.message.author.id !== bot.id && channel.type !== ChannelType.DM) {
      requirePermissions(channel.id, P.ManageMessages);
    }
    messages.remove(record);
    return noContent();
  });

  // ----------------------------------------------------------------------------------- threads

  router.add('POST', '/channels/:channelId/messages/:messageId/threads', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    if (channel.type !== ChannelType.GuildText) throw apiErrors.wrongChannelType();
    requirePermissions(channel.id, P.CreatePublicThreads);
    const record = messageIn(channel.id, ctx.params.messageId!);
    if (record.message.thread || state.channels.has(record.message.id))
      throw apiErrors.threadAlreadyCreated();
    const body = threadBody(ctx.body);
    const thread = state.createThread({
      parentId: channel.id,
      name: body.name,
      type: ChannelType.PublicThread,
      ownerId: bot.id,
      autoArchiveDuration: body.auto_archive_duration,
      rateLimitPerUser: body.rate_limit_per_user,
      starterMessageId: record.message.id,
    });
    record.message.thread = thread;
    record.message.flags = (record.message.flags ?? 0) | MessageFlags.HasThread;
    record.revision += 1;
    return created(thread);
  });

  router.add('POST', '/channels/:channelId/threads', (ctx) => {
    const channel = visibleChannel(ctx.params.channelId!);
    if (channel.type !== ChannelType.GuildText) throw apiErrors.wrongChannelType();
    const body = threadBody(ctx.body);
    // Without a starter message Discord's default thread type is PRIVATE (API v9+), not public.
    const type = (body.type ?? ChannelType.PrivateThread) as
      | ChannelType.PublicThread
      | ChannelType.PrivateThread;
    if (type !== ChannelType.PublicThread && type !== ChannelType.PrivateThread) {
      const errors = new FormErrors();
      errors.add(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of {11, 12}.');
      errors.throwIfAny();
    }
    requirePermissions(
      channel.id,
      type === ChannelType.PublicThread ? P.CreatePublicThreads : P.CreatePrivateThreads,
    );
    const thread = state.createThread({
      parentId: channel.id,
      name: body.name,
      type,
      ownerId: bot.id,
      autoArchiveDuration: body.auto_archive_duration,
      rateLimitPerUser: body.rate_limit_per_user,
      invitable: body.invitable,
    });
    if (type === ChannelType.PublicThread) {
      // A public thread without a starter message leaves a "started a thread" system message in the parent.
      messages.create({
        channelId: channel.id,
        author: bot,
        body: { content: thread.name },
        files: [],
        extra: {
          type: MessageType.ThreadCreated,
          message_reference: { channel_id: thread.id, guild_id: thread.guild_id! },
        },
      });
    }
    return created(thread);
  });

  const threadOf = (channelId: string): ThreadChannel => {
    const channel = visibleChannel(channelId);
    if (!isThread(channel)) throw apiErrors.wrongChannelType();
    return channel;
  };
  router.add('PUT', '/channels/:channelId/thread-members/:userId', (ctx) => {
    const thread = threadOf(ctx.params.channelId!);
    if (thread.thread_metadata?.archived) throw apiErrors.threadArchived();
    const userId = ctx.params.userId === '@me' ? bot.id : ctx.params.userId!;
    state.member(thread.guild_id!, userId);
    if (userId !== bot.id) requirePermissions(thread.id, P.SendMessagesInThreads);
    state.threadMembers.get(thread.id)?.add(userId);
    return noContent();
  });
  router.add('DELETE', '/channels/:channelId/thread-members/:userId', (ctx) => {
    const thread = threadOf(ctx.params.channelId!);
    const userId = ctx.params.userId === '@me' ? bot.id : ctx.params.userId!;
    if (userId !== bot.id && thread.owner_id !== bot.id) requirePermissions(thread.id, P.ManageThreads);
    state.threadMembers.get(thread.id)?.delete(userId);
    return noContent();
  });

  // ---------------------------------------------------------------------------------------- DMs

  router.add('POST', '/users/@me/channels', (ctx) => {
    const body = asObject(ctx.body);
    return ok(state.openDm(state.user(String(body.recipient_id)).id));
  });

  // --------------------------------------------------------------------------------- internals

  function sendMessage(ctx: RouteContext): MessageRecord {
    const channel = visibleChannel(ctx.params.channelId!);
    const body = validateMessage(ctx.body, [], { allowEphemeral: false });
    assertNotEmpty({ ...body, attachments: ctx.files });
    if (channel.type === ChannelType.DM) {
      const recipient = channel.recipients![0]!;
      // Discord lets the bot open the DM channel; the refusal only comes when sending.
      if (state.closedDms.has(recipient.id) || recipient.bot) throw apiErrors.cannotSendToUser();
    } else {
      const permissions = botPermissions(channel.id);
      if (isThread(channel)) checkThreadWritable(channel, permissions);
      else requirePermissions(channel.id, P.SendMessages);
      if ((body.embeds?.length ?? 0) > 0) requirePermissions(channel.id, P.EmbedLinks);
      if (ctx.files.length > 0) requirePermissions(channel.id, P.AttachFiles);
      const reference = body.message_reference;
      if (reference?.message_id) {
        if (!has(permissions, P.ReadMessageHistory)) {
          throw new DiscordHttpError(400, {
            message: 'Cannot reply without permission to read message history',
            code: RESTJSONErrorCodes.CannotReplyWithoutPermissionToReadMessageHistory,
          });
        }
        const target = messages.peek(reference.message_id);
        const exists = target && !target.deleted && !target.ephemeral;
        if (!exists && reference.fail_if_not_exists !== false) {
          const errors = new FormErrors();
          errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
          errors.throwIfAny();
        }
      }
    }
    const nonce = checkNonce(body.nonce);
    const key = `${channel.id}/${bot.id}/${String(nonce)}`;
    if (nonce !== undefined && asObject(ctx.body).enforce_nonce === true) {
      const earlier = nonces.get(key);
      const record = earlier && messages.peek(earlier.messageId);
      if (record && !record.deleted && Date.now() - earlier.at < deps.nonceWindowMs) return record;
    }
    const record = messages.create({ channelId: channel.id, author: bot, body, files: ctx.files });
    if (nonce !== undefined) nonces.set(key, { messageId: record.message.id, at: Date.now() });
    return record;
  }

  /** A nonce is an integer or a string of at most 25 characters. */
  function checkNonce(nonce: unknown): string | number | undefined {
    if (nonce === undefined || nonce === null) return undefined;
    const errors = new FormErrors();
    if (typeof nonce === 'string') errors.maxLength(['nonce'], nonce, 25);
    else if (typeof nonce !== 'number' || !Number.isInteger(nonce))
      errors.add(['nonce'], 'BASE_TYPE_STRING', `Could not interpret "${String(nonce)}" as string.`);
    errors.throwIfAny();
    return nonce as string | number;
  }

  /**
   * Posting in a thread needs Send Messages in Threads; an archived thread is silently unarchived by the
   * post unless it is locked (then only Manage Threads helps, and only after unarchiving).
   */
  function checkThreadWritable(thread: ThreadChannel, permissions: bigint): void {
    if (!has(permissions, P.SendMessagesInThreads)) throw apiErrors.missingPermissions();
    const metadata = thread.thread_metadata!;
    if (metadata.locked && !has(permissions, P.ManageThreads)) throw apiErrors.threadLocked();
    if (metadata.archived) {
      if (metadata.locked) throw apiErrors.threadArchived();
      state.updateThread(thread, { archived: false });
    }
  }

  function patchThread(thread: ThreadChannel, body: Loose): ThreadChannel {
    const patch = body as ThreadPatch;
    const errors = new FormErrors();
    if (patch.name !== undefined) errors.lengthBetween(['name'], patch.name, 1, 100);
    if (
      patch.auto_archive_duration !== undefined &&
      !ARCHIVE_DURATIONS.includes(patch.auto_archive_duration)
    ) {
      errors.add(
        ['auto_archive_duration'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {60, 1440, 4320, 10080}.',
      );
    }
    errors.throwIfAny();
    const permissions = botPermissions(thread.id);
    const canManage = has(permissions, P.ManageThreads);
    const metadata = thread.thread_metadata!;
    // An archived thread accepts no edit except being unarchived.
    if (metadata.archived && patch.archived !== false) throw apiErrors.threadArchived();
    const needsManage =
      patch.locked !== undefined ||
      patch.invitable !== undefined ||
      patch.rate_limit_per_user !== undefined ||
      (metadata.archived && metadata.locked);
    if (!canManage && (needsManage || thread.owner_id !== bot.id)) throw apiErrors.missingPermissions();
    const { name, archived, locked, auto_archive_duration, rate_limit_per_user, invitable } = patch;
    return state.updateThread(thread, {
      name,
      archived,
      locked,
      auto_archive_duration,
      rate_limit_per_user,
      invitable,
    });
  }

  function patchTextChannel(channel: GuildTextChannel, body: Loose): GuildTextChannel {
    requirePermissions(channel.id, P.ManageChannels);
    const errors = new FormErrors();
    if (body.name !== undefined) errors.lengthBetween(['name'], body.name as string, 1, 100);
    errors.maxLength(['topic'], body.topic as string | undefined, 1024);
    errors.throwIfAny();
    const patch: { name?: string; topic?: string | null; rate_limit_per_user?: number } = {};
    if (body.name !== undefined) patch.name = body.name as string;
    if (body.topic !== undefined) patch.topic = body.topic as string | null;
    if (body.rate_limit_per_user !== undefined)
      patch.rate_limit_per_user = body.rate_limit_per_user as number;
    return state.updateTextChannel(channel, patch);
  }
}

/** Fields shared by both thread-creation routes. */
function threadBody(raw: unknown): {
  name: string;
  auto_archive_duration?: ThreadAutoArchiveDuration;
  rate_limit_per_user?: number;
  type?: ChannelType;
  invitable?: boolean;
} {
  const body = asObject(raw);
  const errors = new FormErrors();
  errors.lengthBetween(['name'], body.name as string | undefined, 1, 100);
  const duration = body.auto_archive_duration;
  if (duration !== undefined && !ARCHIVE_DURATIONS.includes(duration as number)) {
    errors.add(
      ['auto_archive_duration'],
      'BASE_TYPE_CHOICES',
      'Value must be one of {60, 1440, 4320, 10080}.',
    );
  }
  const slowmode = body.rate_limit_per_user;
  if (slowmode !== undefined && (typeof slowmode !== 'number' || slowmode < 0 || slowmode > 21600)) {
    errors.add(
      ['rate_limit_per_user'],
      'NUMBER_TYPE_MAX',
      'int value should be less than or equal to 21600.',
    );
  }
  errors.throwIfAny();
  return body as ReturnType<typeof threadBody>;
}
