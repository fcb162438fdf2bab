import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** One leaf of Discord's nested "Invalid Form Body" error tree. */
export interface FieldError {
  code: string;
  message: string;
}

/** `{ content: { _errors: [...] }, embeds: { 0: { title: { _errors: [...] } } } }` */
export interface ErrorTree {
  _errors?: FieldError[];
  [key: string]: ErrorTree | FieldError[] | undefined;
}

/** The JSON body of every Discord error response. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: ErrorTree;
}

/** The JSON body of a 429 (plus headers, see faults.ts). */
export interface RateLimitBody {
  message: string;
  retry_after: number;
  global: boolean;
  code?: number;
}

/** Thrown by route handlers; the router turns it into an HTTP response exactly like Discord's. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code}: ${body.message}`);
  }
}

function error(status: number, code: number, message: string): DiscordHttpError {
  return new DiscordHttpError(status, { message, code });
}

/**
 * The errors the double produces, with Discord's status codes and messages. Exported so tests can feed
 * the same bodies to `failNext`.
 */
export const apiErrors = {
  notFound: () => error(404, 0, '404: Not Found'),
  unauthorized: () => error(401, 0, '401: Unauthorized'),
  unknownChannel: () => error(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  unknownGuild: () => error(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  unknownMember: () => error(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  unknownMessage: () => error(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  unknownUser: () => error(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  unknownWebhook: () => error(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
  unknownInteraction: () => error(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  unknownCommand: () =>
    error(404, RESTJSONErrorCodes.UnknownApplicationCommand, 'Unknown application command'),
  notYourApplication: () =>
    error(
      403,
      RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication,
      'You are not authorized to perform this action on this application',
    ),
  alreadyAcknowledged: () =>
    error(
      400,
      RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
      'Interaction has already been acknowledged.',
    ),
  invalidWebhookToken: () => error(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token'),
  missingAccess: () => error(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access'),
  missingPermissions: () => error(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'),
  cannotSendToUser: () =>
    error(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'Cannot send messages to this user'),
  cannotEditOthersMessage: () =>
    error(
      403,
      RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
      'Cannot edit a message authored by another user',
    ),
  emptyMessage: () => error(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message'),
  wrongChannelType: () =>
    error(
      400,
      RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
      'Cannot execute action on this channel type',
    ),
  threadAlreadyCreated: () =>
    error(
      400,
      RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage,
      'A thread has already been created for this message',
    ),
  threadArchived: () => error(400, RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'Thread is archived'),
  threadLocked: () => error(400, RESTJSONErrorCodes.ThreadLocked, 'Thread is locked'),
  entityTooLarge: () => error(413, RESTJSONErrorCodes.RequestEntityTooLarge, 'Request entity too large'),
} as const;

/** Accumulates field errors into Discord's nested tree; `throwIfAny` raises 400/50035 "Invalid Form Body". */
export class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const child = (node[String(key)] as ErrorTree | undefined) ?? {};
      node[String(key)] = child;
      node = child;
    }
    node._errors ??= [];
    node._errors.push({ code, message });
    this.count += 1;
  }

  maxLength(path: readonly (string | number)[], value: string | undefined | null, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  lengthBetween(
    path: readonly (string | number)[],
    value: string | undefined,
    min: number,
    max: number,
  ): void {
    if (value === undefined || value === '') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    } else if (value.length < min || value.length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  arrayMax(path: readonly (string | number)[], value: readonly unknown[] | undefined, max: number): void {
    if (value && value.length > max)
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  throwIfAny(): void {
    if (this.count > 0) {
      throw new DiscordHttpError(400, {
        message: 'Invalid Form Body',
        code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
        errors: this.tree,
      });
    }
  }
}
