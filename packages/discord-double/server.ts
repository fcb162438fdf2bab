import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIInteraction,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  GatewayDispatchEvents,
  InteractionType,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import {
  type AutocompleteInput,
  type ComponentInput,
  InteractionBuilders,
  type ModalSubmitInput,
  type SelectInput,
  type SlashInput,
} from './builders.js';
import { CommandStore, GLOBAL } from './commands.js';
import { DiscordHttpError } from './errors.js';
import { type FaultHandle, FaultInjector, type FaultSpec, faultResponse } from './faults.js';
import { type DispatchData, GATEWAY_PATH, Gateway } from './gateway.js';
import {
  type CallbackListener,
  InteractionHandle,
  InteractionStore,
  type MessageView,
  viewOf,
} from './interactions.js';
import type { RequestLogEntry, UnhandledRequest } from './log.js';
import { registerApplicationRoutes } from './rest/application.js';
import { registerChannelRoutes } from './rest/channels.js';
import { registerInteractionRoutes } from './rest/interactions.js';
import { type RestDeps, type RouteResult, Router, readBody } from './rest/router.js';
import {
  type AddGuildInput,
  type AddMemberInput,
  type AddUserInput,
  DoubleState,
  type GuildState,
  isThread,
  type ThreadPatch,
} from './state.js';
import { ChangeFeed, type WaitOptions } from './wait.js';

export interface DiscordDoubleOptions {
  /** The bot token the double accepts (REST `Authorization: Bot …` and gateway IDENTIFY). */
  token?: string;
  /** HELLO's heartbeat_interval. Discord uses ~41 s; 2 s keeps `client.ws.ping` meaningful in tests. */
  heartbeatIntervalMs?: number;
  /** Discord's 3 s limit to acknowledge an interaction (callbacks later get 404 10062). */
  interactionAckWindowMs?: number;
  /** Lifetime of an interaction token for follow-ups/edits (Discord: 15 min). */
  interactionTokenTtlMs?: number;
  /** Let IDENTIFY request GuildMembers/GuildPresences/MessageContent (Discord: close 4014 unless enabled). */
  allowPrivilegedIntents?: boolean;
  /** Permissions of the bot's managed role in seeded guilds. */
  botPermissions?: bigint;
  /**
   * `GET /gateway/bot`'s recommended shard count. Default: one per 1,000 guilds, as Discord
   * recommends, so a test with a handful of guilds gets 1.
   */
  shards?: number;
  /** `session_start_limit.max_concurrency` (default 1): how many shard buckets may IDENTIFY at once. */
  maxConcurrency?: number;
  /** Refuse a second IDENTIFY in a bucket within 5 s with INVALID_SESSION, as Discord does (default off). */
  enforceIdentifyRateLimit?: boolean;
  /** A session that would hold more guilds is closed with 4011 Sharding required (Discord: 2,500). */
  maxGuildsPerShard?: number;
  /** How long an enforced message nonce returns the message it created (Discord: "a few minutes"). */
  nonceWindowMs?: number;
}

const GUILDS_PER_RECOMMENDED_SHARD = 1_000;

/**
 * A local stand-in for Discord's REST API (v10) and gateway, driven by tests.
 * Point discord.js at it with `rest: { api: double.restUrl }`; the gateway URL comes from GET /gateway/bot.
 */
export class DiscordDouble {
  /** Every REST call the bot made, in order. */
  readonly requests: RequestLogEntry[] = [];
  /** Calls the double does not implement (answered 404). `assertNoUnhandledRequests()` fails on any. */
  readonly unhandledRequests: UnhandledRequest[] = [];
  /**
   * Paths of hosted files (`hostAttachment`, uploads) fetched, in order. Discord serves them from
   * its CDN, not the REST API, so they are not in `requests`.
   */
  readonly downloads: string[] = [];
  readonly gateway: Gateway;
  readonly state: DoubleState;
  readonly application: { id: string; name: string; flags: number };
  readonly bot: APIUser;
  /** The seeded guild, its roles and channels. */
  readonly guild: GuildState;
  readonly roles: { everyone: APIRole; admin: APIRole; bot: APIRole };
  readonly channels: { general: APITextChannel; progress: APITextChannel };
  /** Seeded users: the guild owner, an admin (Manage Server/Messages/Threads) and a plain member. */
  readonly users: { owner: APIUser; admin: APIUser; member: APIUser };

  private readonly server: Server;
  private readonly router = new Router();
  private readonly faults = new FaultInjector();
  private readonly feed = new ChangeFeed();
  private readonly commands: CommandStore;
  private readonly interactions = new InteractionStore();
  private readonly builders: InteractionBuilders;
  private readonly ackWindowMs: number;
  private port = 0;

  static async start(options: DiscordDoubleOptions = {}): Promise<DiscordDouble> {
    const double = new DiscordDouble(options);
    await new Promise<void>((resolve) => double.server.listen(0, '127.0.0.1', resolve));
    double.port = (double.server.address() as AddressInfo).port;
    return double;
  }

  private constructor(options: DiscordDoubleOptions) {
    const token = options.token ?? 'test-token';
    const maxConcurrency = options.maxConcurrency ?? 1;
    this.ackWindowMs = options.interactionAckWindowMs ?? 3000;
    this.state = new DoubleState(
      token,
      (event, data) => this.gateway.dispatch(event, data),
      () => this.baseUrl,
    );
    this.gateway = new Gateway(this.state, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 2000,
      maxConcurrency,
      enforceIdentifyRateLimit: options.enforceIdentifyRateLimit ?? false,
      maxGuildsPerShard: options.maxGuildsPerShard ?? 2_500,
      allowPrivilegedIntents: options.allowPrivilegedIntents ?? false,
      wsUrl: () => `ws://127.0.0.1:${this.port}`,
      onUnhandled: (entry) => this.unhandledRequests.push(entry),
      onChange: () => this.feed.notify(),
    });
    this.application = this.state.application;
    this.bot = this.state.bot;
    this.commands = new CommandStore(this.application.id);

    const owner = this.state.addUser({ username: 'owner' });
    this.guild = this.state.addGuild({ ownerId: owner.id, botPermissions: options.botPermissions });
    const [general] = this.state.guildChannels(this.guild.id);
    const progress = this.state.addChannel({ guildId: this.guild.id, name: 'progress' });
    this.channels = { general: general!, progress };
    const admin = this.state.addUser({ username: 'admin' });
    const member = this.state.addUser({ username: 'member' });
    this.state.addMember(admin.id, { guildId: this.guild.id, roles: [this.guild.adminRoleId] });
    this.state.addMember(member.id, { guildId: this.guild.id });
    this.users = { owner, admin, member };
    this.roles = {
      everyone: this.guild.roles.get(this.guild.id)!,
      admin: this.guild.roles.get(this.guild.adminRoleId)!,
      bot: this.guild.roles.get(this.guild.botRoleId)!,
    };
    this.builders = new InteractionBuilders(this.state, this.commands, this.interactions, {
      userId: member.id,
      channelId: general!.id,
    });

    const deps: RestDeps = {
      state: this.state,
      commands: this.commands,
      interactions: this.interactions,
      gatewayUrl: () => `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`,
      sharding: () => ({
        shards:
          options.shards ?? Math.max(1, Math.ceil(this.state.guilds.size / GUILDS_PER_RECOMMENDED_SHARD)),
        maxConcurrency,
      }),
      ackWindowMs: this.ackWindowMs,
      tokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    };
    registerApplicationRoutes(this.router, deps);
    registerChannelRoutes(this.router, deps);
    registerInteractionRoutes(this.router, deps);

    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.on('upgrade', (request, socket, head) => this.gateway.handleUpgrade(request, socket, head));
  }

  /** `http://127.0.0.1:PORT/api`: what the bot uses as `rest.api` / DISCORD_API_URL. */
  get restUrl(): string {
    return `${this.baseUrl}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`;
  }

  private get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  // ----------------------------------------------------------------------------- seeding / state

  addUser(input?: AddUserInput): APIUser {
    return this.state.addUser(input);
  }

  /** Makes a user a guild member; `permissions` creates a role holding exactly those bits. */
  addMember(userId: string, input: AddMemberInput = {}): void {
    this.state.addMember(userId, { ...input, guildId: input.guildId ?? this.guild.id });
  }

  /** Adds a guild the bot is in (GUILD_CREATE), with @everyone, admin and bot roles and #general. */
  addGuild(input?: AddGuildInput): GuildState {
    return this.state.addGuild(input);
  }

  /** Adds a text channel (announced with CHANNEL_CREATE). */
  addChannel(input: { name: string; guildId?: string; topic?: string | null }): APITextChannel {
    return this.state.addChannel({ ...input, guildId: input.guildId ?? this.guild.id });
  }

  /** Restricts what the bot may do in one channel to exactly `permissions` (announced with CHANNEL_UPDATE). */
  setBotPermissions(channelId: string, permissions: bigint): void {
    this.state.setBotPermissions(channelId, permissions);
  }

  /** The user's privacy settings refuse DMs: sending to their DM channel yields 403 50007. */
  closeDms(userId: string): void {
    this.state.closedDms.add(userId);
  }

  openDms(userId: string): void {
    this.state.closedDms.delete(userId);
  }

  /** Serves bytes at a URL on the double, e.g. for an attachment option: `{ attachment: double.hostAttachment(…) }`. */
  hostAttachment(filename: string, contentType: string, bytes: Buffer | string): APIAttachment {
    return this.state.messages.host(filename, contentType, Buffer.from(bytes));
  }

  /** A user posts in a channel (MESSAGE_CREATE; content is blanked for bots without MessageContent). */
  userMessage(input: { channelId: string; userId: string; content: string }): MessageView {
    const record = this.state.messages.create({
      channelId: input.channelId,
      author: this.state.user(input.userId),
      body: { content: input.content },
      files: [],
    });
    return viewOf(record);
  }

  /** Deletes a channel or thread as a moderator would (CHANNEL_DELETE / THREAD_DELETE). */
  deleteChannel(channelId: string): void {
    this.state.deleteChannel(this.state.channel(channelId));
  }

  /** Archives, locks or renames a thread as a moderator would (THREAD_UPDATE). */
  updateThread(threadId: string, patch: ThreadPatch): APIThreadChannel {
    const channel = this.state.channel(threadId);
    if (!isThread(channel)) throw new Error(`${threadId} is not a thread`);
    return this.state.updateThread(channel, patch);
  }

  // ---------------------------------------------------------------------------------- observing

  /** Non-ephemeral messages of a channel, oldest first. */
  messagesIn(channelId: string): MessageView[] {
    return this.state.messages.inChannel(channelId).map(viewOf);
  }

  /** Messages the bot sent to a user's DM channel. */
  dmsTo(userId: string): MessageView[] {
    const channelId = this.state.dmChannelOf(userId);
    return channelId ? this.messagesIn(channelId) : [];
  }

  /** Any message by id, ephemeral ones included; undefined if unknown. */
  message(id: string): MessageView | undefined {
    const record = this.state.messages.peek(id);
    return record ? viewOf(record) : undefined;
  }

  get threads(): APIThreadChannel[] {
    return [...this.state.channels.values()].filter(isThread);
  }

  /** Registered commands: global, or of one guild. */
  commandsOf(guildId?: string): APIApplicationCommand[] {
    return this.commands.list(guildId ?? GLOBAL);
  }

  /** Bulk overwrites (PUT) per scope: `'global'` or a guild id. */
  get commandPuts(): Readonly<Record<string, number>> {
    return this.commands.puts;
  }

  /** Resolves once `probe` returns something other than undefined (re-checked on every change). */
  waitFor<T>(probe: () => T | undefined, options?: WaitOptions): Promise<T> {
    return this.feed.waitFor(probe, options);
  }

  /** Resolves when a bot has IDENTIFIED and received READY and every GUILD_CREATE. */
  async waitForReady(timeoutMs = 5000): Promise<void> {
    await this.feed.waitFor(() => (this.gateway.hasReadySession ? true : undefined), {
      timeoutMs,
      description: 'No bot identified on the gateway',
      diagnostics: () =>
        `REST calls so far: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`,
    });
  }

  /** Resolves when every shard of `shardCount` has a connected, ready session. */
  async waitForShards(shardCount: number, timeoutMs = 15_000): Promise<void> {
    await this.feed.waitFor(
      () => (this.gateway.readyShards(shardCount).length === shardCount ? true : undefined),
      {
        timeoutMs,
        description: `Not every one of ${shardCount} shards identified`,
        diagnostics: () => `ready shards: ${this.gateway.readyShards(shardCount).join(', ') || 'none'}`,
      },
    );
  }

  assertNoUnhandledRequests(): void {
    if (this.unhandledRequests.length === 0) return;
    const lines = this.unhandledRequests.map((r) => `  ${r.method} ${r.path}: ${r.reason}`);
    throw new Error(
      `The bot made ${lines.length} call(s) the Discord double does not implement:\n${lines.join('\n')}`,
    );
  }

  /** Forget unhandled calls a test provoked on purpose. */
  clearUnhandledRequests(): void {
    this.unhandledRequests.length = 0;
  }

  // ---------------------------------------------------------------------------------- gateway

  /** Sends a raw dispatch to every identified session (no state change; subject to intents). */
  dispatch<E extends GatewayDispatchEvents>(event: E, data: DispatchData<E>): void {
    this.gateway.dispatch(event, data);
  }

  disconnect(options?: { code?: number; resumable?: boolean }): void {
    this.gateway.disconnect(options);
  }

  invalidSession(resumable: boolean): void {
    this.gateway.invalidSession(resumable);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  // ---------------------------------------------------------------------------------- REST faults

  /**
   * Answers the next matching REST request(s) with an error, a 429, or after a delay; with
   * `afterCarryingOut`, the error comes after the request was carried out.
   */
  failNext(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ------------------------------------------------------------------------------ interactions

  slash(input: SlashInput) {
    return this.builders.slash(input);
  }

  autocomplete(input: AutocompleteInput) {
    return this.builders.autocomplete(input);
  }

  button(input: ComponentInput) {
    return this.builders.button(input);
  }

  select(input: SelectInput) {
    return this.builders.select(input);
  }

  modalSubmit(input: ModalSubmitInput) {
    return this.builders.modalSubmit(input);
  }

  /** Sends INTERACTION_CREATE and returns a handle to observe the bot's answer. */
  async interact(payload: APIInteraction): Promise<InteractionHandle> {
    // A session between connections is fine: Discord queues the event and replays it on RESUME.
    if (!this.gateway.hasSession) throw new Error('interact(): no bot has identified on the gateway');
    const trigger =
      payload.type === InteractionType.ModalSubmit
        ? this.interactions.lastModal(payload.data.custom_id)
        : undefined;
    const record = this.interactions.register(payload, trigger);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return new InteractionHandle(record, {
      messages: this.state.messages,
      feed: this.feed,
      requests: this.requests,
      ackWindowMs: this.ackWindowMs,
    });
  }

  /**
   * Calls `listener` synchronously as each interaction callback is accepted (a refused one, e.g. after
   * the ack window, is not a callback), without a waiter per interaction: load generators time
   * thousands of interactions in flight this way. Returns a function that removes the listener.
   */
  onInteractionCallback(listener: CallbackListener): () => void {
    return this.interactions.onCallback(listener);
  }

  // --------------------------------------------------------------------------------- lifecycle

  /** Stops everything at once: sockets are terminated, not drained. */
  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------- HTTP

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', this.baseUrl);
    const send = (result: RouteResult, headers: Record<string, string> = {}) => {
      if (result.body === undefined || result.status === 204) {
        response.writeHead(result.status, headers).end();
      } else {
        response
          .writeHead(result.status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(result.body));
      }
      this.feed.notify();
    };

    if (url.pathname.startsWith('/attachments/') && method === 'GET') {
      const file = this.state.messages.file(url.pathname);
      if (file) {
        this.downloads.push(url.pathname);
        response
          .writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length })
          .end(file.data);
        return;
      }
    }
    const versioned = /^\/api\/v10(\/.*)$/.exec(url.pathname);
    if (!versioned) {
      this.unhandledRequests.push({
        method,
        path: url.pathname,
        reason: 'not an /api/v10 route or hosted file',
        at: Date.now(),
      });
      send({ status: 404, body: { message: '404: Not Found', code: 0 } });
      return;
    }
    const path = versioned[1]!;
    const entry: RequestLogEntry = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      auditLogReason: decodeHeader(request.headers['x-audit-log-reason']),
      at: Date.now(),
    };
    this.requests.push(entry);

    let parsed: Awaited<ReturnType<typeof readBody>>;
    try {
      parsed = await readBody(request);
    } catch {
      entry.status = 400;
      send({
        status: 400,
        body: {
          message: 'The request body contains invalid JSON.',
          code: RESTJSONErrorCodes.RequestBodyContainsInvalidJSON,
        },
      });
      return;
    }
    entry.body = parsed.body;
    entry.files = parsed.files.map((f) => ({
      field: f.field,
      filename: f.filename,
      contentType: f.contentType,
      size: f.data.length,
    }));
    // A request Discord has received but not yet answered is observable (e.g. to crash the bot meanwhile).
    this.feed.notify();

    const fault = this.faults.take(method, path);
    if (fault?.spec.delayMs) await sleep(fault.spec.delayMs);
    if (fault?.spec.afterCarryingOut) await this.route(method, path, url, parsed, request, entry);
    if (fault && fault.spec.status !== undefined) {
      const answer = faultResponse({ ...fault.spec, status: fault.spec.status });
      entry.status = answer.status;
      entry.faulted = true;
      send({ status: answer.status, body: answer.body }, answer.headers);
      return;
    }

    const result = await this.route(method, path, url, parsed, request, entry);
    entry.status = result.status;
    send(result);
  }

  private async route(
    method: string,
    path: string,
    url: URL,
    parsed: Awaited<ReturnType<typeof readBody>>,
    request: IncomingMessage,
    entry: RequestLogEntry,
  ): Promise<RouteResult> {
    const match = this.router.match(method, path);
    if (!match) {
      this.unhandledRequests.push({
        method,
        path,
        reason: 'route not implemented by the double',
        at: entry.at,
        body: parsed.body,
      });
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    }
    if (match.route.auth && request.headers.authorization !== `Bot ${this.state.token}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    try {
      return await match.route.handler({
        method,
        path,
        params: match.params,
        query: url.searchParams,
        body: parsed.body,
        files: parsed.files,
        headers: request.headers,
      });
    } catch (error) {
      if (error instanceof DiscordHttpError) return { status: error.status, body: error.body };
      // A bug in the double (or a payload it cannot digest) must fail the test, not hide.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.unhandledRequests.push({
        method,
        path,
        reason: `double crashed: ${message}`,
        at: entry.at,
        body: parsed.body,
      });
      return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
    }
  }
}

function decodeHeader(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
