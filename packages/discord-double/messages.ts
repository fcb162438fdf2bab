import {
  AllowedMentionsTypes,
  type APIAllowedMentions,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
  ChannelType,
  GatewayDispatchEvents,
  MessageFlags,
  MessageType,
  type RESTAPIAttachment,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { apiErrors, FormErrors } from './errors.js';
import type { Dispatcher } from './gateway.js';
import { isoNow, snowflake } from './ids.js';
import { type DoubleState, isThread } from './state.js';
import { assertNotEmpty } from './validation.js';

/** A file the double holds bytes for: uploaded by the bot or hosted by a test. */
export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
  url: string;
  description?: string;
}

/** A `files[n]` part of a multipart request. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** The message-shaped part of channel, webhook and interaction-callback bodies (PATCH allows nulls). */
export type MessageBody = Pick<
  RESTPostAPIChannelMessageJSONBody,
  'nonce' | 'tts' | 'message_reference' | 'sticker_ids' | 'poll'
> & {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  flags?: number | null;
  allowed_mentions?: APIAllowedMentions | null;
  attachments?: RESTAPIAttachment[];
};

export interface MessageRecord {
  message: APIMessage;
  /** The last `allowed_mentions` the bot sent for this message (undefined = never sent = parse everything). */
  allowedMentions: APIAllowedMentions | undefined;
  files: StoredFile[];
  /** Ephemeral messages exist only for the interaction's user: not listed in the channel, not fetchable. */
  ephemeral: boolean;
  deleted: boolean;
  interactionId: string | undefined;
  /** Bumped on every change; lets waiters detect that a message settled. */
  revision: number;
}

export interface CreateMessageInput {
  channelId: string;
  author: APIUser;
  body: MessageBody;
  files: UploadedFile[];
  ephemeral?: boolean;
  interactionId?: string;
  /** Interaction messages: type, webhook_id, application_id, interaction_metadata, extra flags. */
  extra?: Partial<APIMessage>;
}

export interface ListQuery {
  limit: number;
  before?: string;
  after?: string;
  around?: string;
}

/** Discord limits a bot's non-boosted upload to 10 MiB per file. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export class MessageStore {
  private readonly records = new Map<string, MessageRecord>();
  private readonly channelOrder = new Map<string, MessageRecord[]>();
  private readonly hostedFiles = new Map<string, StoredFile>();

  constructor(
    private readonly state: DoubleState,
    private readonly dispatch: Dispatcher,
    private readonly baseUrl: () => string,
  ) {}

  get(id: string): MessageRecord {
    const record = this.records.get(id);
    if (!record || record.deleted) throw apiErrors.unknownMessage();
    return record;
  }

  /** Any message the double ever stored, deleted or ephemeral ones included. */
  peek(id: string): MessageRecord | undefined {
    return this.records.get(id);
  }

  /** A channel's visible messages, oldest first. */
  inChannel(channelId: string): MessageRecord[] {
    return (this.channelOrder.get(channelId) ?? []).filter((r) => !r.deleted);
  }

  /** GET /channels/:id/messages. Discord always answers newest first, whichever cursor is used. */
  list(channelId: string, query: ListQuery): APIMessage[] {
    const all = this.inChannel(channelId);
    const id = (r: MessageRecord) => BigInt(r.message.id);
    let selected: MessageRecord[];
    if (query.after) {
      const after = BigInt(query.after);
      selected = all.filter((r) => id(r) > after).slice(0, query.limit);
    } else if (query.around) {
      const around = BigInt(query.around);
      const half = Math.floor(query.limit / 2);
      const older = all.filter((r) => id(r) < around).slice(-half);
      const rest = all.filter((r) => id(r) >= around).slice(0, query.limit - older.length);
      selected = [...older, ...rest];
    } else {
      const before = query.before ? BigInt(query.before) : undefined;
      selected = all.filter((r) => before === undefined || id(r) < before).slice(-query.limit);
    }
    return selected.reverse().map((r) => r.message);
  }

  create(input: CreateMessageInput): MessageRecord {
    checkUploads(input.files);
    const channel = this.state.channel(input.channelId);
    const id = snowflake();
    const ephemeral = input.ephemeral ?? false;
    const files = this.storeUploads(input.channelId, input.files, input.body.attachments);
    const allowedMentions = input.body.allowed_mentions ?? undefined;
    const referenced = input.body.message_reference?.message_id
      ? this.records.get(input.body.message_reference.message_id)
      : undefined;
    const content = input.body.content ?? '';
    const { flags: extraFlags = 0, ...extra } = input.extra ?? {};
    const message: APIMessage = {
      id,
      channel_id: input.channelId,
      author: input.author,
      content,
      timestamp: isoNow(),
      edited_timestamp: null,
      tts: input.body.tts ?? false,
      ...mentionsOf(
        this.state,
        content,
        allowedMentions,
        channel.type === ChannelType.DM ? undefined : channel.guild_id,
        referenced,
      ),
      attachments: files.map((f) => toAttachment(f, ephemeral)),
      embeds: (input.body.embeds ?? []).map(normalizeEmbed),
      components: input.body.components ?? [],
      pinned: false,
      type: referenced ? MessageType.Reply : MessageType.Default,
      flags: (input.body.flags ?? 0) | extraFlags | (ephemeral ? MessageFlags.Ephemeral : 0),
      ...(input.body.nonce === undefined ? {} : { nonce: input.body.nonce }),
      ...(referenced
        ? {
            message_reference: { ...input.body.message_reference, channel_id: input.channelId },
            referenced_message: referenced.message,
          }
        : {}),
      ...extra,
    };
    const record: MessageRecord = {
      message,
      allowedMentions,
      files,
      ephemeral,
      deleted: false,
      interactionId: input.interactionId,
      revision: 0,
    };
    this.records.set(id, record);
    if (!ephemeral) {
      const order = this.channelOrder.get(input.channelId) ?? [];
      order.push(record);
      this.channelOrder.set(input.channelId, order);
      channel.last_message_id = id;
      if (isThread(channel)) {
        channel.message_count = (channel.message_count ?? 0) + 1;
        channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
      }
      this.dispatch(GatewayDispatchEvents.MessageCreate, this.eventPayload(record));
    }
    return record;
  }

  /**
   * PATCH semantics shared by channel and webhook edits: only present fields change, `null` clears, and
   * `attachments` (when present) lists the existing attachments to keep.
   */
  edit(record: MessageRecord, body: MessageBody, files: UploadedFile[]): void {
    checkUploads(files);
    const message = record.message;
    const keepIds = body.attachments?.map((a) => String(a.id));
    // Checked before anything changes: an edit may not leave the message empty (50006).
    assertNotEmpty({
      content: body.content === undefined ? message.content : body.content,
      embeds: body.embeds === undefined ? message.embeds : body.embeds,
      components: body.components === undefined ? message.components : body.components,
      attachments: [
        ...(keepIds ? record.files.filter((f) => keepIds.includes(f.id)) : record.files),
        ...files,
      ],
      poll: message.poll,
    });
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = (body.embeds ?? []).map(normalizeEmbed);
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) {
      // Only SUPPRESS_EMBEDS can be toggled by an edit; ephemeral/loading state is Discord's to set.
      const keep = (message.flags ?? 0) & ~MessageFlags.SuppressEmbeds;
      message.flags = keep | (body.flags & MessageFlags.SuppressEmbeds);
    }
    if (body.allowed_mentions !== undefined) record.allowedMentions = body.allowed_mentions ?? undefined;
    if (body.attachments !== undefined || files.length > 0) {
      const kept = keepIds ? record.files.filter((f) => keepIds.includes(f.id)) : record.files;
      const added = this.storeUploads(message.channel_id, files, body.attachments);
      record.files = [...kept, ...added];
      message.attachments = record.files.map((f) => toAttachment(f, record.ephemeral));
    }
    const guildId = this.guildIdOf(message.channel_id);
    const referenced = message.referenced_message
      ? this.records.get(message.referenced_message.id)
      : undefined;
    Object.assign(
      message,
      mentionsOf(this.state, message.content, record.allowedMentions, guildId, referenced),
    );
    if ((message.flags ?? 0) & MessageFlags.Loading) {
      // The first edit of a deferred reply is its content, not an "(edited)" change.
      message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    } else {
      message.edited_timestamp = isoNow();
    }
    record.revision += 1;
    if (!record.ephemeral) this.dispatch(GatewayDispatchEvents.MessageUpdate, this.eventPayload(record));
  }

  remove(record: MessageRecord): void {
    record.deleted = true;
    record.revision += 1;
    if (record.ephemeral) return;
    const guildId = this.guildIdOf(record.message.channel_id);
    this.dispatch(GatewayDispatchEvents.MessageDelete, {
      id: record.message.id,
      channel_id: record.message.channel_id,
      ...(guildId ? { guild_id: guildId } : {}),
    });
  }

  /** Serves bytes a test wants the bot to download (e.g. an attachment option of a slash command). */
  host(filename: string, contentType: string, data: Buffer): APIAttachment {
    const [file] = this.storeUploads(
      'uploads',
      [{ field: 'files[0]', filename, contentType, data }],
      undefined,
    );
    return toAttachment(file!, false);
  }

  file(pathname: string): StoredFile | undefined {
    return this.hostedFiles.get(pathname);
  }

  private storeUploads(
    scope: string,
    uploads: UploadedFile[],
    declared: RESTAPIAttachment[] | undefined,
  ): StoredFile[] {
    return uploads.map((upload) => {
      // `attachments[].id` refers to the n of `files[n]` and may rename or describe the upload.
      const index = /^files\[(\d+)]$/.exec(upload.field)?.[1];
      const meta = declared?.find((a) => String(a.id) === index);
      const id = snowflake();
      const filename = (meta?.filename ?? upload.filename).replaceAll(' ', '_');
      const pathname = `/attachments/${scope}/${id}/${encodeURIComponent(filename)}`;
      const file: StoredFile = {
        id,
        filename,
        contentType: upload.contentType,
        data: upload.data,
        url: `${this.baseUrl()}${pathname}`,
        ...(meta?.description ? { description: meta.description } : {}),
      };
      this.hostedFiles.set(pathname, file);
      return file;
    });
  }

  private guildIdOf(channelId: string): string | undefined {
    const channel = this.state.channels.get(channelId);
    return channel && channel.type !== ChannelType.DM ? channel.guild_id : undefined;
  }

  private eventPayload(record: MessageRecord) {
    const guildId = this.guildIdOf(record.message.channel_id);
    if (!guildId) return record.message;
    const guild = this.state.guild(guildId);
    // Webhook (interaction) messages carry no member; user messages carry the author's, minus `user`.
    if (record.message.webhook_id || !guild.members.has(record.message.author.id)) {
      return { ...record.message, guild_id: guildId };
    }
    const { user: _user, ...member } = this.state.memberPayload(guildId, record.message.author.id);
    return {
      ...record.message,
      guild_id: guildId,
      member: { ...member, joined_at: member.joined_at ?? isoNow() },
    };
  }
}

/** Discord's upload limits: 10 files per message, 10 MiB each for a non-boosted guild. */
function checkUploads(files: UploadedFile[]): void {
  if (files.some((file) => file.data.length > MAX_FILE_BYTES)) throw apiErrors.entityTooLarge();
  const errors = new FormErrors();
  errors.arrayMax(['attachments'], files, 10);
  errors.throwIfAny();
}

export function toAttachment(file: StoredFile, ephemeral: boolean): APIAttachment {
  return {
    id: file.id,
    filename: file.filename,
    size: file.data.length,
    url: file.url,
    proxy_url: file.url,
    content_type: file.contentType,
    ...(file.description ? { description: file.description } : {}),
    ...(ephemeral ? { ephemeral: true } : {}),
  };
}

/** Discord stores every embed sent by a bot as a "rich" embed. */
function normalizeEmbed(embed: APIEmbed): APIEmbed {
  return { type: 'rich' as APIEmbed['type'], ...embed };
}

/**
 * Who the message pings, per Discord's allowed_mentions rules: with no allowed_mentions everything in the
 * content pings; `parse` opts in per kind; explicit `users`/`roles` lists allow exactly those ids; a reply
 * pings its author unless `replied_user` is false. Computed as if the bot had Mention Everyone and every
 * role were mentionable, i.e. the worst case, so tests catch mentions the bot did not neutralise.
 */
function mentionsOf(
  state: DoubleState,
  content: string,
  allowed: APIAllowedMentions | undefined,
  guildId: string | undefined,
  referenced: MessageRecord | undefined,
): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const parses = (kind: AllowedMentionsTypes) =>
    allowed === undefined || (allowed.parse ?? []).includes(kind);
  const userIds = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1]!);
  const roleIds = [...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!);
  const pingedUsers = new Set(
    userIds.filter((id) => parses(AllowedMentionsTypes.User) || (allowed?.users ?? []).includes(id)),
  );
  if (referenced && (allowed === undefined || allowed.replied_user === true)) {
    pingedUsers.add(referenced.message.author.id);
  }
  const guildRoles = guildId ? state.guild(guildId).roles : undefined;
  return {
    mentions: [...pingedUsers].flatMap((id) => {
      const user = state.users.get(id);
      return user ? [user] : [];
    }),
    mention_roles: [...new Set(roleIds)].filter(
      (id) =>
        guildRoles?.has(id) && (parses(AllowedMentionsTypes.Role) || (allowed?.roles ?? []).includes(id)),
    ),
    mention_everyone: /@(everyone|here)\b/.test(content) && parses(AllowedMentionsTypes.Everyone),
  };
}
