import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type APIMessage,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  type GatewayIdentifyData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { sessionId as newSessionId } from './ids.js';
import type { UnhandledRequest } from './log.js';
import type { DoubleState } from './state.js';

export type DispatchData<E extends GatewayDispatchEvents> = Extract<GatewayDispatchPayload, { t: E }>['d'];
export type Dispatcher = <E extends GatewayDispatchEvents>(event: E, data: DispatchData<E>) => void;

export const GATEWAY_PATH = '/gateway';
export const RESUME_PATH = '/gateway/resume';

/** Intents Discord refuses (close 4014) unless enabled in the developer portal, which ours are not. */
export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** Discord lets one IDENTIFY per `shard_id % max_concurrency` bucket through every 5 seconds. */
export const IDENTIFY_INTERVAL_MS = 5_000;

/** Which shard receives a guild's events: `(guild_id >> 22) % shard_count`, in BigInt (ids exceed 2^53). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function validShard(shard: unknown): shard is [number, number] {
  if (!Array.isArray(shard) || shard.length !== 2 || !shard.every(Number.isInteger)) return false;
  const [id, count] = shard as [number, number];
  return count >= 1 && id >= 0 && id < count;
}

/** The guild a dispatch belongs to: GUILD_CREATE/UPDATE/DELETE carry it as `id`, the others as `guild_id`. */
function guildOf(event: GatewayDispatchEvents, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const E = GatewayDispatchEvents;
  const isGuild = event === E.GuildCreate || event === E.GuildUpdate || event === E.GuildDelete;
  const id = isGuild ? (data as { id?: unknown }).id : (data as { guild_id?: unknown }).guild_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const KNOWN_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((all, bit) => all | bit, 0);

export interface IdentifyRecord {
  /** Set when the IDENTIFY was accepted and a session started. */
  sessionId?: string;
  intents: number;
  properties: GatewayIdentifyData['properties'];
  shard: [number, number] | undefined;
  compress: boolean;
  at: number;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  replayed: number;
  /** Which URL the bot reconnected to (Discord wants `resume_gateway_url`). */
  path: string;
  at: number;
}

export interface SuppressedDispatch {
  sessionId: string;
  event: GatewayDispatchEvents;
  missingIntent: number;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /**
   * Discord's `session_start_limit.max_concurrency`: IDENTIFYs of shards in one bucket
   * (`shard_id % max_concurrency`) must be 5 s apart.
   */
  maxConcurrency: number;
  /** Answer an IDENTIFY within 5 s of its bucket's previous one with INVALID_SESSION, as Discord does. */
  enforceIdentifyRateLimit: boolean;
  /** More guilds than this on one session closes it with 4011 Sharding required (Discord: 2,500). */
  maxGuildsPerShard: number;
  /** Accept GuildMembers/GuildPresences/MessageContent (default: refuse with 4014, like a fresh app). */
  allowPrivilegedIntents: boolean;
  wsUrl: () => string;
  onUnhandled: (entry: UnhandledRequest) => void;
  onChange: () => void;
}

interface SentPayload {
  op: GatewayOpcodes.Dispatch;
  t: GatewayDispatchEvents;
  s: number;
  d: unknown;
}

/** A gateway session outlives its connections: it can be resumed on a new socket. */
interface Session {
  id: string;
  intents: number;
  shard: [number, number];
  seq: number;
  sent: SentPayload[];
  socket: WebSocket | null;
  /** READY and every GUILD_CREATE were sent. */
  ready: boolean;
}

interface Connection {
  socket: WebSocket;
  path: string;
  session: Session | null;
}

export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  /** Dispatches a session did not receive because it lacks the intent (what Discord does too). */
  readonly suppressed: SuppressedDispatch[] = [];
  heartbeats = 0;
  /** IDENTIFYs answered INVALID_SESSION for coming within 5 s of their bucket's previous one. */
  rateLimitedIdentifies = 0;
  /** When each `shard_id % max_concurrency` bucket last started a session. */
  private readonly bucketStarts = new Map<number, number>();
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    private readonly state: DoubleState,
    private readonly options: GatewayOptions,
  ) {}

  /** A bot is identified and currently connected. */
  get hasReadySession(): boolean {
    return [...this.sessions.values()].some((s) => s.ready && s.socket !== null);
  }

  /** A bot is identified, connected or between connections with a resumable session. */
  get hasSession(): boolean {
    return [...this.sessions.values()].some((s) => s.ready);
  }

  /** Intents of the most recent IDENTIFY, or undefined before any. */
  get intents(): number | undefined {
    return this.identifies.at(-1)?.intents;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== GATEWAY_PATH && url.pathname !== RESUME_PATH) {
      this.unhandled('GET', url.pathname, 'WebSocket upgrade on an unknown path');
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, url));
  }

  // ------------------------------------------------------------------------------------ dispatch

  /**
   * Sends a dispatch to every live session of the shard that owns its guild, as Discord does: two
   * processes identified as the same shard both receive it; a guild-less event (a DM, a user
   * update) goes to shard 0 only.
   */
  readonly dispatch: Dispatcher = (event, data) => {
    const guildId = guildOf(event, data);
    for (const session of this.sessions.values()) {
      if (!session.ready) continue;
      const [shardId, shardCount] = session.shard;
      const owner = guildId === undefined ? 0 : shardOf(guildId, shardCount);
      if (owner === shardId) this.send(session, event, data);
    }
  };

  /** Shard ids with a connected, ready session, for a given shard count. */
  readyShards(shardCount: number): number[] {
    const ids = [...this.sessions.values()]
      .filter((s) => s.ready && s.socket !== null && s.shard[1] === shardCount)
      .map((s) => s.shard[0]);
    return [...new Set(ids)].sort((a, b) => a - b);
  }

  private send(session: Session, event: GatewayDispatchEvents, data: unknown): void {
    const missing = missingIntent(session.intents, event, data);
    if (missing !== undefined) {
      this.suppressed.push({ sessionId: session.id, event, missingIntent: missing });
      return;
    }
    session.seq += 1;
    const payload: SentPayload = {
      op: GatewayOpcodes.Dispatch,
      t: event,
      s: session.seq,
      d: this.withoutMessageContent(session, event, data),
    };
    // Kept for RESUME: a session that lost its socket gets these replayed.
    session.sent.push(payload);
    if (session.socket) session.socket.send(JSON.stringify(payload));
    this.options.onChange();
  }

  /**
   * Without the privileged MessageContent intent Discord blanks content, embeds, attachments, components
   * and polls of guild messages, except the bot's own messages and those mentioning it.
   */
  private withoutMessageContent(session: Session, event: GatewayDispatchEvents, data: unknown): unknown {
    if (event !== GatewayDispatchEvents.MessageCreate && event !== GatewayDispatchEvents.MessageUpdate)
      return data;
    const message = data as APIMessage & { guild_id?: string };
    const botId = this.state.bot.id;
    const exempt =
      session.intents & GatewayIntentBits.MessageContent ||
      !message.guild_id ||
      message.author?.id === botId ||
      message.mentions?.some((u) => u.id === botId);
    if (exempt) return data;
    const { poll: _poll, ...rest } = message;
    return { ...rest, content: '', embeds: [], attachments: [], components: [] };
  }

  // ------------------------------------------------------------------------------ fault injection

  /**
   * Closes every live connection with `code`. Resumable: the session survives and events dispatched in
   * the meantime are replayed on RESUME. Not resumable: the session is forgotten, so a RESUME gets
   * INVALID_SESSION(false) and the bot must IDENTIFY again.
   */
  disconnect(options: { code?: number; resumable?: boolean } = {}): void {
    const resumable = options.resumable ?? true;
    const code =
      options.code ?? (resumable ? GatewayCloseCodes.UnknownError : GatewayCloseCodes.SessionTimedOut);
    for (const connection of this.connections) {
      const session = connection.session;
      if (session) {
        session.socket = null;
        if (!resumable) this.sessions.delete(session.id);
      }
      connection.session = null;
      connection.socket.close(code, 'Disconnected by the test double');
    }
  }

  /** Sends op 9 INVALID_SESSION; `false` also forgets the sessions (the bot must IDENTIFY again). */
  invalidSession(resumable: boolean): void {
    for (const connection of this.connections) {
      if (!connection.session) continue;
      if (!resumable) {
        this.sessions.delete(connection.session.id);
        connection.session = null;
      }
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable }));
    }
  }

  /** Sends op 7 RECONNECT: the bot should reconnect and RESUME. */
  requestReconnect(): void {
    for (const connection of this.connections) {
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
    }
  }

  close(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    this.sessions.clear();
    this.wss.close();
  }

  // --------------------------------------------------------------------------------- protocol

  private accept(socket: WebSocket, url: URL): void {
    const connection: Connection = { socket, path: url.pathname, session: null };
    this.connections.add(connection);
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('message', (raw, isBinary) => this.onMessage(connection, raw.toString(), isBinary));

    if (url.searchParams.get('v') !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
      // ETF and zlib-stream are not implemented; refuse loudly rather than send something unreadable.
      this.unhandled('GET', `${url.pathname}${url.search}`, 'gateway encoding/compression not supported');
      socket.close(GatewayCloseCodes.DecodeError, 'Only encoding=json without compression is supported');
      return;
    }
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      }),
    );
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    // A session that already moved to another connection (resumed elsewhere) is unaffected.
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // Discord: a client closing with 1000/1001 ends its session; any other code keeps it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    this.options.onChange();
  }

  private onMessage(connection: Connection, raw: string, isBinary: boolean): void {
    let payload: { op?: number; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(raw);
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        connection.socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, payload.d as GatewayIdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, payload.d as GatewayResumeData);
        return;
    }
    if (!connection.session) {
      connection.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        // Accepted and ignored: nothing observable in a text-only bot's tests.
        return;
      case GatewayOpcodes.RequestGuildMembers:
        this.requestGuildMembers(connection.session, payload.d as GatewayRequestGuildMembersData, connection);
        return;
      default:
        this.unhandled('WS', `op ${String(payload.op)}`, 'gateway opcode not implemented', payload.d);
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private identify(connection: Connection, data: GatewayIdentifyData): void {
    const refusal = this.identifyRefusal(connection, data);
    if (refusal) {
      connection.socket.close(refusal[0], refusal[1]);
      return;
    }
    if (this.identifiedTooSoon(data.shard ?? [0, 1])) {
      this.rateLimitedIdentifies += 1;
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    const id = newSessionId();
    const shard = data.shard ?? [0, 1];
    const session: Session = {
      id,
      intents: data.intents,
      shard,
      seq: 0,
      sent: [],
      socket: connection.socket,
      ready: false,
    };
    this.sessions.set(id, session);
    connection.session = session;
    this.identifies.at(-1)!.sessionId = id;

    const guildIds = this.guildsOf(shard);
    this.send(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.state.bot,
      guilds: guildIds.map((guildId) => ({ id: guildId, unavailable: true })),
      session_id: id,
      resume_gateway_url: `${this.options.wsUrl()}${RESUME_PATH}`,
      shard,
      application: { id: this.state.application.id, flags: this.state.application.flags },
    });
    // Guilds arrive lazily after READY, each as GUILD_CREATE (only with the Guilds intent).
    for (const guildId of guildIds) {
      this.send(session, GatewayDispatchEvents.GuildCreate, this.state.guildCreatePayload(guildId));
    }
    session.ready = true;
    this.options.onChange();
  }

  private guildsOf(shard: [number, number]): string[] {
    return [...this.state.guilds.keys()].filter((guildId) => shardOf(guildId, shard[1]) === shard[0]);
  }

  private identifiedTooSoon(shard: [number, number]): boolean {
    const bucket = shard[0] % this.options.maxConcurrency;
    const now = Date.now();
    const last = this.bucketStarts.get(bucket);
    if (this.options.enforceIdentifyRateLimit && last !== undefined && now - last < IDENTIFY_INTERVAL_MS)
      return true;
    this.bucketStarts.set(bucket, now);
    return false;
  }

  /** Discord's IDENTIFY checks, in its order; records every well-formed attempt (intents included). */
  private identifyRefusal(
    connection: Connection,
    data: GatewayIdentifyData,
  ): [GatewayCloseCodes, string] | undefined {
    if (connection.session) return [GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.'];
    if (data?.token !== this.state.token)
      return [GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.'];
    const shard = data.shard ?? [0, 1];
    if (!validShard(shard)) return [GatewayCloseCodes.InvalidShard, 'Invalid shard.'];
    if (this.guildsOf(shard).length > this.options.maxGuildsPerShard)
      return [GatewayCloseCodes.ShardingRequired, 'Sharding required.'];
    if (typeof data.intents !== 'number' || (data.intents & ~KNOWN_INTENTS) !== 0) {
      return [GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).'];
    }
    this.identifies.push({
      intents: data.intents,
      properties: data.properties,
      shard: data.shard,
      compress: data.compress ?? false,
      at: Date.now(),
    });
    if (data.intents & PRIVILEGED_INTENTS && !this.options.allowPrivilegedIntents) {
      return [GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).'];
    }
    if (data.compress) {
      // Payload compression would need zlib frames; refuse loudly.
      this.unhandled(
        'WS',
        'op 2',
        'IDENTIFY asked for payload compression, which the double does not implement',
      );
      return [GatewayCloseCodes.DecodeError, 'Compression not supported by the double'];
    }
    return undefined;
  }

  private resume(connection: Connection, data: GatewayResumeData): void {
    if (data?.token !== this.state.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = this.sessions.get(data.session_id);
    if (!session) {
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    if (data.seq > session.seq) {
      connection.socket.close(GatewayCloseCodes.InvalidSeq, 'Invalid seq.');
      return;
    }
    const missed = session.sent.filter((p) => p.s > data.seq);
    if (session.socket && session.socket !== connection.socket) {
      // A session lives on one connection: the stale one is dropped.
      session.socket.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere');
    }
    session.socket = connection.socket;
    connection.session = session;
    for (const payload of missed) connection.socket.send(JSON.stringify(payload));
    this.resumes.push({
      sessionId: session.id,
      seq: data.seq,
      replayed: missed.length,
      path: connection.path,
      at: Date.now(),
    });
    this.send(session, GatewayDispatchEvents.Resumed, undefined);
  }

  /**
   * discord.js's `guild.members.fetch({ user })` uses op 8. Asking by user ids works without the
   * GuildMembers intent; listing everyone does not, and is reported as unhandled.
   */
  private requestGuildMembers(
    session: Session,
    data: GatewayRequestGuildMembersData,
    connection: Connection,
  ): void {
    if (!('user_ids' in data) || data.user_ids === undefined) {
      this.unhandled(
        'WS',
        'op 8',
        'REQUEST_GUILD_MEMBERS without user_ids needs the GuildMembers intent',
        data,
      );
      connection.socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const guild = this.state.guild(data.guild_id);
    const ids = Array.isArray(data.user_ids) ? data.user_ids : [data.user_ids];
    const found = ids.filter((id) => guild.members.has(id));
    this.send(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: guild.id,
      members: found.map((id) => this.state.memberPayload(guild.id, id)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids.filter((id) => !guild.members.has(id)),
      ...(data.nonce ? { nonce: data.nonce } : {}),
    });
  }

  private unhandled(method: string, path: string, reason: string, body?: unknown): void {
    this.options.onUnhandled({
      method,
      path,
      reason,
      at: Date.now(),
      ...(body === undefined ? {} : { body }),
    });
  }
}

/**
 * The intent a dispatch requires, if the session lacks it (Discord simply never sends it then).
 * Events not listed (READY, INTERACTION_CREATE, ...) need no intent.
 */
function missingIntent(intents: number, event: GatewayDispatchEvents, data: unknown): number | undefined {
  const inGuild = typeof data === 'object' && data !== null && 'guild_id' in data && Boolean(data.guild_id);
  const E = GatewayDispatchEvents;
  const I = GatewayIntentBits;
  let required: number | undefined;
  switch (event) {
    case E.GuildCreate:
    case E.GuildUpdate:
    case E.GuildDelete:
    case E.GuildRoleCreate:
    case E.GuildRoleUpdate:
    case E.GuildRoleDelete:
    case E.ChannelCreate:
    case E.ChannelUpdate:
    case E.ChannelDelete:
    case E.ThreadCreate:
    case E.ThreadUpdate:
    case E.ThreadDelete:
    case E.ThreadListSync:
    case E.ThreadMemberUpdate:
      required = I.Guilds;
      break;
    case E.GuildMemberAdd:
    case E.GuildMemberUpdate:
    case E.GuildMemberRemove:
    case E.ThreadMembersUpdate:
      required = I.GuildMembers;
      break;
    case E.MessageCreate:
    case E.MessageUpdate:
    case E.MessageDelete:
    case E.MessageDeleteBulk:
      required = inGuild ? I.GuildMessages : I.DirectMessages;
      break;
    case E.MessageReactionAdd:
    case E.MessageReactionRemove:
    case E.MessageReactionRemoveAll:
    case E.MessageReactionRemoveEmoji:
      required = inGuild ? I.GuildMessageReactions : I.DirectMessageReactions;
      break;
    case E.TypingStart:
      required = inGuild ? I.GuildMessageTyping : I.DirectMessageTyping;
      break;
    case E.PresenceUpdate:
      required = I.GuildPresences;
      break;
    case E.VoiceStateUpdate:
      required = I.GuildVoiceStates;
      break;
  }
  return required !== undefined && (intents & required) === 0 ? required : undefined;
}
