import { setTimeout as sleep } from 'node:timers/promises';
import {
  type APIAllowedMentions,
  type APIApplicationCommandInteractionMetadata,
  type APIApplicationCommandOptionChoice,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIEmbed,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentInteractionMetadata,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import type { RequestLogEntry } from './log.js';
import type { MessageRecord, MessageStore, StoredFile } from './messages.js';
import type { ChangeFeed } from './wait.js';

export interface InteractionCallback {
  type: InteractionResponseType;
  /** The callback's `data` as the bot sent it (validated). */
  data: unknown;
  at: number;
}

export interface InteractionRecord {
  payload: APIInteraction;
  dispatchedAt: number;
  callback: InteractionCallback | undefined;
  /** The message `@original` refers to: the reply, or for component updates the component's message. */
  originalMessageId: string | undefined;
  /** Revision of the original message when acknowledged (a deferred update settles on the next one). */
  ackRevision: number;
  followUpIds: string[];
  /** For modal submits: the interaction that opened the modal. */
  trigger: InteractionRecord | undefined;
}

export type CallbackListener = (record: InteractionRecord, callback: InteractionCallback) => void;

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly callbackListeners = new Set<CallbackListener>();

  register(payload: APIInteraction, trigger?: InteractionRecord): InteractionRecord {
    const record: InteractionRecord = {
      payload,
      dispatchedAt: Date.now(),
      callback: undefined,
      originalMessageId: undefined,
      ackRevision: 0,
      followUpIds: [],
      trigger,
    };
    this.byId.set(payload.id, record);
    this.byToken.set(payload.token, record);
    return record;
  }

  find(id: string, token: string): InteractionRecord | undefined {
    const record = this.byId.get(id);
    return record?.payload.token === token ? record : undefined;
  }

  findByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** Records the accepted callback (the interaction is now acknowledged) and tells the listeners. */
  acknowledge(record: InteractionRecord, callback: InteractionCallback): void {
    record.callback = callback;
    for (const listener of this.callbackListeners) listener(record, callback);
  }

  /** Returns a function that removes the listener. */
  onCallback(listener: CallbackListener): () => void {
    this.callbackListeners.add(listener);
    return () => this.callbackListeners.delete(listener);
  }

  /** The latest interaction the bot answered with a modal whose custom_id is `customId`. */
  lastModal(customId: string): InteractionRecord | undefined {
    return [...this.byId.values()]
      .reverse()
      .find(
        (r) =>
          r.callback?.type === InteractionResponseType.Modal &&
          (r.callback.data as APIModalInteractionResponseCallbackData).custom_id === customId,
      );
  }
}

/** The user who triggered an interaction (guild interactions carry it inside `member`). */
export function interactionUser(payload: APIInteraction) {
  return payload.member?.user ?? payload.user!;
}

/** Message fields Discord sets on interaction responses and follow-ups. */
export function interactionMessageFields(
  record: InteractionRecord,
  applicationId: string,
  kind: 'original' | 'followUp',
): Partial<APIMessage> {
  const payload = record.payload;
  const isCommand = payload.type === InteractionType.ApplicationCommand;
  const commandType = isCommand ? payload.data.type : undefined;
  return {
    webhook_id: applicationId,
    application_id: applicationId,
    type:
      commandType === ApplicationCommandType.ChatInput
        ? MessageType.ChatInputCommand
        : isCommand
          ? MessageType.ContextMenuCommand
          : MessageType.Default,
    interaction_metadata: {
      ...metadataOf(record),
      ...(kind === 'followUp' && record.originalMessageId
        ? { original_response_message_id: record.originalMessageId }
        : {}),
    },
  };
}

function metadataOf(record: InteractionRecord): APIMessageInteractionMetadata {
  const payload = record.payload;
  const base = {
    id: payload.id,
    user: interactionUser(payload),
    authorizing_integration_owners: payload.authorizing_integration_owners,
  };
  if (payload.type === InteractionType.MessageComponent) {
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: payload.message.id };
  }
  if (payload.type === InteractionType.ModalSubmit && record.trigger) {
    return {
      ...base,
      type: InteractionType.ModalSubmit,
      triggering_interaction_metadata: metadataOf(record.trigger) as
        | APIApplicationCommandInteractionMetadata
        | APIMessageComponentInteractionMetadata,
    };
  }
  return { ...base, type: InteractionType.ApplicationCommand };
}

/** A message as tests see it: the Discord object plus what only the double knows. */
export type MessageView = APIMessage & {
  /** The allowed_mentions the bot last sent for it (undefined: never sent, so Discord parses all). */
  allowedMentions: APIAllowedMentions | undefined;
  /** Uploaded files with their bytes. */
  files: StoredFile[];
  ephemeral: boolean;
  /** The bot (or a moderator) deleted it; the view shows its last state. */
  deleted: boolean;
};

export function viewOf(record: MessageRecord): MessageView {
  return {
    ...structuredClone(record.message),
    allowedMentions: record.allowedMentions,
    files: record.files,
    ephemeral: record.ephemeral,
    deleted: record.deleted,
  };
}

/** The visible outcome of an interaction, once settled. */
export interface FinalResponse {
  /** The callback type the bot chose (4, 5, 6 or 7). */
  type: InteractionResponseType;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  ephemeral: boolean;
  attachments: StoredFile[];
  allowedMentions: APIAllowedMentions | undefined;
  /** True when the bot deleted the response. */
  deleted: boolean;
  message: MessageView;
}

export interface HandleDependencies {
  messages: MessageStore;
  feed: ChangeFeed;
  requests: readonly RequestLogEntry[];
  ackWindowMs: number;
}

/** What `double.interact()` returns: observe how the bot answered one interaction. */
export class InteractionHandle {
  constructor(
    private readonly record: InteractionRecord,
    private readonly deps: HandleDependencies,
  ) {}

  get payload(): APIInteraction {
    return this.record.payload;
  }

  /** Milliseconds from INTERACTION_CREATE to the callback; undefined until acknowledged. */
  get timeToAck(): number | undefined {
    return this.record.callback ? this.record.callback.at - this.record.dispatchedAt : undefined;
  }

  /** Waits for the interaction callback (ack). */
  response(timeoutMs = 5000): Promise<InteractionCallback> {
    return this.deps.feed.waitFor(() => this.record.callback, {
      timeoutMs,
      description: `${this.describe()} was not acknowledged`,
      diagnostics: () => this.diagnostics(),
    });
  }

  /**
   * Waits until the visible result settles: the reply itself, or after a deferral the first edit of
   * @original (or deletion), then no further change for `settleMs`.
   */
  async final(options: { timeoutMs?: number; settleMs?: number } = {}): Promise<FinalResponse> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    const callback = await this.response(deadline - Date.now());
    if (
      callback.type === InteractionResponseType.ApplicationCommandAutocompleteResult ||
      callback.type === InteractionResponseType.Modal
    ) {
      throw new Error(
        `${this.describe()} was answered with callback type ${callback.type}; use choices()/modal()`,
      );
    }
    const settled = await this.deps.feed.waitFor(() => this.visibleOriginal(callback.type), {
      timeoutMs: Math.max(1, deadline - Date.now()),
      description: `${this.describe()} acknowledged with type ${callback.type} but @original never got its content`,
      diagnostics: () => this.diagnostics(),
    });
    let revision = settled.revision;
    for (;;) {
      await sleep(options.settleMs ?? 50);
      if (settled.revision === revision) break;
      revision = settled.revision;
    }
    const view = viewOf(settled);
    return {
      type: callback.type,
      content: view.content,
      embeds: view.embeds,
      components: view.components ?? [],
      flags: view.flags ?? 0,
      ephemeral: settled.ephemeral,
      attachments: settled.files,
      allowedMentions: settled.allowedMentions,
      deleted: settled.deleted,
      message: view,
    };
  }

  /** The current @original message, if any. */
  original(): MessageView | undefined {
    const id = this.record.originalMessageId;
    const record = id ? this.deps.messages.peek(id) : undefined;
    return record ? viewOf(record) : undefined;
  }

  /** Follow-up messages created so far (a follow-up that replaced a deferred "thinking" reply is @original). */
  followUps(): MessageView[] {
    return this.record.followUpIds.flatMap((id) => {
      const record = this.deps.messages.peek(id);
      return record ? [viewOf(record)] : [];
    });
  }

  /** Waits for an autocomplete answer and returns its choices. */
  async choices(timeoutMs = 5000): Promise<APIApplicationCommandOptionChoice[]> {
    const callback = await this.response(timeoutMs);
    if (callback.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw new Error(
        `${this.describe()} was answered with callback type ${callback.type}, not autocomplete`,
      );
    }
    return (callback.data as APICommandAutocompleteInteractionResponseCallbackData).choices ?? [];
  }

  /** Waits for a modal answer and returns it. */
  async modal(timeoutMs = 5000): Promise<APIModalInteractionResponseCallbackData> {
    const callback = await this.response(timeoutMs);
    if (callback.type !== InteractionResponseType.Modal) {
      throw new Error(`${this.describe()} was answered with callback type ${callback.type}, not a modal`);
    }
    return callback.data as APIModalInteractionResponseCallbackData;
  }

  private visibleOriginal(type: InteractionResponseType): MessageRecord | undefined {
    const id = this.record.originalMessageId;
    const original = id ? this.deps.messages.peek(id) : undefined;
    if (!original) return undefined;
    if (original.deleted) return original;
    if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      return (original.message.flags ?? 0) & MessageFlags.Loading ? undefined : original;
    }
    if (type === InteractionResponseType.DeferredMessageUpdate) {
      return original.revision > this.record.ackRevision ? original : undefined;
    }
    return original;
  }

  private describe(): string {
    const payload = this.record.payload;
    const what =
      payload.type === InteractionType.ApplicationCommand ||
      payload.type === InteractionType.ApplicationCommandAutocomplete
        ? `/${payload.data.name}`
        : payload.type === InteractionType.MessageComponent || payload.type === InteractionType.ModalSubmit
          ? `"${payload.data.custom_id}"`
          : 'ping';
    return `Interaction ${payload.id} (type ${payload.type}, ${what})`;
  }

  private diagnostics(): string {
    const since = this.deps.requests.filter((r) => r.at >= this.record.dispatchedAt);
    const lines = since.map((r) => `  ${r.method} ${r.path} -> ${r.status ?? 'pending'}`);
    const unanswered = this.record.callback
      ? []
      : [`Discord would have shown "The application did not respond" after ${this.deps.ackWindowMs}ms.`];
    return [...unanswered, `REST calls since dispatch (${since.length}):`, ...lines].join('\n');
  }
}
