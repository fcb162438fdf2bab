export type {
  AutocompleteInput,
  ComponentInput,
  ModalSubmitInput,
  OptionInput,
  SelectInput,
  SlashInput,
} from './builders.js';
export { apiErrors, type DiscordErrorBody, DiscordHttpError, type ErrorTree } from './errors.js';
export type { FaultHandle, FaultSpec } from './faults.js';
export {
  IDENTIFY_INTERVAL_MS,
  type IdentifyRecord,
  PRIVILEGED_INTENTS,
  type ResumeRecord,
  type SuppressedDispatch,
  shardOf,
} from './gateway.js';
export type {
  CallbackListener,
  FinalResponse,
  InteractionCallback,
  InteractionHandle,
  InteractionRecord,
  MessageView,
} from './interactions.js';
export type { RequestLogEntry, UnhandledRequest } from './log.js';
export type { StoredFile } from './messages.js';
export {
  ALL_PERMISSIONS,
  DEFAULT_ADMIN_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
} from './permissions.js';
export { DiscordDouble, type DiscordDoubleOptions } from './server.js';
/** Discord's checks of a message body, for property tests of what the bot would send. */
export { type MessageValidationOptions, validateMessage } from './validation.js';
