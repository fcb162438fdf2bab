import {
  InteractionResponseType as Callback,
  InteractionType,
  MessageFlags,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { apiErrors, FormErrors } from '../errors.js';
import { type InteractionRecord, interactionMessageFields } from '../interactions.js';
import type { MessageRecord, UploadedFile } from '../messages.js';
import {
  asObject,
  assertNotEmpty,
  validateAutocomplete,
  validateMessage,
  validateModal,
} from '../validation.js';
import { noContent, ok, type RestDeps, type Router } from './router.js';

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<InteractionType, Callback[]> = {
  [InteractionType.Ping]: [Callback.Pong],
  [InteractionType.ApplicationCommand]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.Modal,
  ],
  [InteractionType.MessageComponent]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [Callback.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
  ],
};

/** POST /interactions/:id/:token/callback and the interaction webhook (follow-ups, @original). */
export function registerInteractionRoutes(router: Router, deps: RestDeps): void {
  const { state, interactions } = deps;
  const { messages, bot } = state;
  const appId = state.application.id;

  router.add(
    'POST',
    '/interactions/:interactionId/:token/callback',
    (ctx) => {
      const record = interactions.find(ctx.params.interactionId!, ctx.params.token!);
      if (!record) throw apiErrors.unknownInteraction();
      if (record.callback) throw apiErrors.alreadyAcknowledged();
      // Past the 3-second window the interaction is gone for good ("The application did not respond").
      if (Date.now() - record.dispatchedAt > deps.ackWindowMs) throw apiErrors.unknownInteraction();
      const body = asObject(ctx.body);
      const type = body.type as Callback;
      const payload = record.payload;
      const allowed = ALLOWED_CALLBACKS[payload.type].filter(
        // Updating "the message" needs one: a modal opened from a slash command has none.
        (t) => payload.message || (t !== Callback.DeferredMessageUpdate && t !== Callback.UpdateMessage),
      );
      if (!allowed.includes(type)) {
        const errors = new FormErrors();
        errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
        errors.throwIfAny();
      }
      const data = acknowledge(record, type, body.data, ctx.files);
      // Only a valid callback acknowledges: a 400 leaves the bot free to retry within the window.
      interactions.acknowledge(record, { type, data, at: Date.now() });
      if (ctx.query.get('with_response') !== 'true') return noContent();
      const original = record.originalMessageId ? messages.get(record.originalMessageId) : undefined;
      const result: RESTPostAPIInteractionCallbackWithResponseResult = {
        interaction: {
          id: payload.id,
          type: payload.type,
          ...(original
            ? {
                response_message_id: original.message.id,
                response_message_loading: Boolean((original.message.flags ?? 0) & MessageFlags.Loading),
                response_message_ephemeral: original.ephemeral,
              }
            : {}),
        },
        resource: { type, ...(original ? { message: original.message } : {}) },
      };
      return ok(result);
    },
    { auth: false },
  );

  /** Applies a callback; returns the validated `data` to record. */
  function acknowledge(
    record: InteractionRecord,
    type: Callback,
    rawData: unknown,
    files: UploadedFile[],
  ): unknown {
    const payload = record.payload;
    switch (type) {
      case Callback.ChannelMessageWithSource: {
        const data = validateMessage(rawData ?? {}, ['data'], { allowEphemeral: true });
        assertNotEmpty({ ...data, attachments: files });
        record.originalMessageId = createReply(record, data, files, 0).message.id;
        return data;
      }
      case Callback.DeferredChannelMessageWithSource: {
        // "Bot is thinking...": a real, empty message flagged LOADING until @original is edited.
        const flags = ((rawData as { flags?: number } | undefined)?.flags ?? 0) & MessageFlags.Ephemeral;
        record.originalMessageId = createReply(record, { flags }, [], MessageFlags.Loading).message.id;
        return rawData;
      }
      case Callback.DeferredMessageUpdate: {
        const target = messages.get(payload.message!.id);
        record.originalMessageId = target.message.id;
        record.ackRevision = target.revision;
        return rawData;
      }
      case Callback.UpdateMessage: {
        const data = validateMessage(rawData ?? {}, ['data'], { allowEphemeral: true });
        const target = messages.get(payload.message!.id);
        record.originalMessageId = target.message.id;
        messages.edit(target, data, files);
        return data;
      }
      case Callback.ApplicationCommandAutocompleteResult:
        return validateAutocomplete(rawData);
      case Callback.Modal:
        return validateModal(rawData);
      default:
        return rawData;
    }
  }

  function createReply(
    record: InteractionRecord,
    data: { flags?: number | null },
    files: UploadedFile[],
    extraFlags: number,
  ) {
    const ephemeral = Boolean((data.flags ?? 0) & MessageFlags.Ephemeral);
    // Interaction replies are webhook messages: they bypass the channel's Send Messages permission.
    return messages.create({
      channelId: record.payload.channel!.id,
      author: bot,
      body: data,
      files,
      ephemeral,
      interactionId: record.payload.id,
      extra: { ...interactionMessageFields(record, appId, 'original'), flags: extraFlags },
    });
  }

  // ------------------------------------------------------------------------- interaction webhook

  /** The interaction behind /webhooks/:app/:token, once it may be used. */
  const webhookOf = (applicationId: string, token: string): InteractionRecord => {
    const record = interactions.findByToken(token);
    // Before the callback (or after autocomplete/modal callbacks) the webhook does not exist.
    const usable =
      record?.callback &&
      record.callback.type !== Callback.ApplicationCommandAutocompleteResult &&
      record.callback.type !== Callback.Modal;
    if (!record || applicationId !== appId || !usable) throw apiErrors.unknownWebhook();
    if (Date.now() - record.dispatchedAt > deps.tokenTtlMs) throw apiErrors.invalidWebhookToken();
    return record;
  };
  const messageOf = (record: InteractionRecord, messageId: string): MessageRecord => {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const own = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    if (!own) throw apiErrors.unknownMessage();
    return messages.get(id);
  };

  router.add(
    'POST',
    '/webhooks/:applicationId/:token',
    (ctx) => {
      const record = webhookOf(ctx.params.applicationId!, ctx.params.token!);
      const data = validateMessage(ctx.body, [], { allowEphemeral: true });
      assertNotEmpty({ ...data, attachments: ctx.files });
      const original = record.originalMessageId ? messages.get(record.originalMessageId) : undefined;
      let message: MessageRecord;
      if (original && (original.message.flags ?? 0) & MessageFlags.Loading) {
        // Discord quirk: the first follow-up after a deferral replaces the "thinking" message, keeping the
        // ephemerality chosen at deferral time.
        messages.edit(original, data, ctx.files);
        message = original;
      } else {
        message = messages.create({
          channelId: record.payload.channel!.id,
          author: bot,
          body: data,
          files: ctx.files,
          ephemeral: Boolean((data.flags ?? 0) & MessageFlags.Ephemeral),
          interactionId: record.payload.id,
          extra: interactionMessageFields(record, appId, 'followUp'),
        });
        record.followUpIds.push(message.message.id);
      }
      // Without ?wait=true Discord answers 204 and no message.
      return ctx.query.get('wait') === 'true' ? ok(message.message) : noContent();
    },
    { auth: false },
  );

  router.add(
    'GET',
    '/webhooks/:applicationId/:token/messages/:messageId',
    (ctx) =>
      ok(messageOf(webhookOf(ctx.params.applicationId!, ctx.params.token!), ctx.params.messageId!).message),
    { auth: false },
  );

  router.add(
    'PATCH',
    '/webhooks/:applicationId/:token/messages/:messageId',
    (ctx) => {
      const record = webhookOf(ctx.params.applicationId!, ctx.params.token!);
      const target = messageOf(record, ctx.params.messageId!);
      messages.edit(target, validateMessage(ctx.body, [], { allowEphemeral: true }), ctx.files);
      return ok(target.message);
    },
    { auth: false },
  );

  router.add(
    'DELETE',
    '/webhooks/:applicationId/:token/messages/:messageId',
    (ctx) => {
      const record = webhookOf(ctx.params.applicationId!, ctx.params.token!);
      messages.remove(messageOf(record, ctx.params.messageId!));
      return noContent();
    },
    { auth: false },
  );
}
