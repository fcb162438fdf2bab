/**
 * Discord's server-side limits, reported the way Discord reports them: 400, code 50035 "Invalid Form
 * Body", with a nested `errors` tree whose leaves carry Discord's error codes (BASE_TYPE_MAX_LENGTH, ...).
 * Paths are relative to the request body (interaction callbacks nest the message under `data`).
 */
import {
  AllowedMentionsTypes,
  type APIApplicationCommandOptionChoice,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type RESTPutAPIApplicationCommandsJSONBody,
  TextInputStyle,
} from 'discord-api-types/v10';
import { apiErrors, DiscordHttpError, FormErrors } from './errors.js';
import type { MessageBody } from './messages.js';

type Path = (string | number)[];

/** What arrives on the wire before validation: any JSON object. */
export type Loose = Record<string, unknown>;

interface LooseComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  description?: string;
  style?: number;
  url?: string;
  placeholder?: string;
  min_values?: number;
  max_values?: number;
  min_length?: number;
  max_length?: number;
  value?: string;
  content?: string;
  options?: { label?: string; value?: string; description?: string }[];
  components?: LooseComponent[];
  component?: LooseComponent;
}

interface LooseEmbed {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string; url?: string };
  image?: { url?: string };
  thumbnail?: { url?: string };
}

interface LooseOption {
  type?: number;
  name?: string;
  description?: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name?: string; value?: string | number }[];
  options?: LooseOption[];
  min_length?: number;
  max_length?: number;
}

export function asObject(body: unknown): Loose {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DiscordHttpError(400, {
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        _errors: [{ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }],
      },
    });
  }
  return body as Loose;
}

// ------------------------------------------------------------------------------------------ messages

export interface MessageValidationOptions {
  /** Interaction responses and follow-ups may be ephemeral; channel messages may not. */
  allowEphemeral: boolean;
}

/** Validates the message part of a body and returns it typed. Throws 50035 on the first bad body. */
export function validateMessage(raw: unknown, prefix: Path, options: MessageValidationOptions): MessageBody {
  const body = asObject(raw);
  const errors = new FormErrors();
  const at = (...path: Path) => [...prefix, ...path];

  if (body.content !== undefined && body.content !== null && typeof body.content !== 'string') {
    errors.add(at('content'), 'BASE_TYPE_STRING', `Could not interpret "${String(body.content)}" as string.`);
  }
  errors.maxLength(at('content'), body.content as string | undefined, 2000);

  const embeds = (body.embeds ?? []) as LooseEmbed[];
  errors.arrayMax(at('embeds'), embeds, 10);
  let embedChars = 0;
  embeds.forEach((embed, i) => {
    embedChars += validateEmbed(embed, at('embeds', i), errors);
  });
  if (embedChars > 6000) {
    errors.add(at('embeds'), 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }

  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if (flags & MessageFlags.Ephemeral && !options.allowEphemeral) {
    errors.add(
      at('flags'),
      'MESSAGE_FLAGS_INVALID',
      'Ephemeral messages can only be sent as interaction responses',
    );
  }
  if (flags & MessageFlags.IsComponentsV2) {
    // Components V2 replace content and embeds entirely.
    if (body.content)
      errors.add(
        at('content'),
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (embeds.length > 0)
      errors.add(
        at('embeds'),
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
  } else {
    validateActionRows((body.components ?? []) as LooseComponent[], at('components'), errors);
  }

  validateAllowedMentions(body.allowed_mentions as Loose | undefined | null, at('allowed_mentions'), errors);
  const attachments = body.attachments as { description?: string }[] | undefined;
  errors.arrayMax(at('attachments'), attachments, 10);
  // An attachment's description is its alt text, at most 1,024 characters.
  attachments?.forEach((attachment, i) => {
    errors.maxLength(at('attachments', i, 'description'), attachment.description, 1024);
  });
  errors.throwIfAny();
  return body as MessageBody;
}

function validateEmbed(embed: LooseEmbed, path: Path, errors: FormErrors): number {
  errors.maxLength([...path, 'title'], embed.title, 256);
  errors.maxLength([...path, 'description'], embed.description, 4096);
  errors.maxLength([...path, 'footer', 'text'], embed.footer?.text, 2048);
  errors.maxLength([...path, 'author', 'name'], embed.author?.name, 256);
  validateUrl([...path, 'url'], embed.url, errors);
  validateUrl([...path, 'author', 'url'], embed.author?.url, errors);
  validateUrl([...path, 'image', 'url'], embed.image?.url, errors, ['attachment']);
  validateUrl([...path, 'thumbnail', 'url'], embed.thumbnail?.url, errors, ['attachment']);
  const fields = embed.fields ?? [];
  errors.arrayMax([...path, 'fields'], fields, 25);
  let chars = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  chars += (embed.footer?.text?.length ?? 0) + (embed.author?.name?.length ?? 0);
  fields.forEach((field, i) => {
    errors.lengthBetween([...path, 'fields', i, 'name'], field.name, 1, 256);
    errors.lengthBetween([...path, 'fields', i, 'value'], field.value, 1, 1024);
    chars += (field.name?.length ?? 0) + (field.value?.length ?? 0);
  });
  return chars;
}

function validateUrl(
  path: Path,
  url: string | undefined,
  errors: FormErrors,
  extraSchemes: string[] = [],
): void {
  if (url === undefined) return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  } else if (!['http', 'https', ...extraSchemes].includes(scheme)) {
    errors.add(
      path,
      'URL_TYPE_INVALID_SCHEME',
      `Scheme "${scheme}" is not supported. Scheme must be one of ('http', 'https').`,
    );
  }
}

function validateActionRows(rows: LooseComponent[], path: Path, errors: FormErrors): void {
  if (rows.length > 5) errors.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  const customIds = new Set<string>();
  rows.forEach((row, r) => {
    if (row.type !== ComponentType.ActionRow) {
      errors.add([...path, r, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children = row.components ?? [];
    if (children.length < 1 || children.length > 5) {
      errors.add([...path, r, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    const hasSelect = children.some((c) => c.type !== ComponentType.Button);
    if (hasSelect && children.length > 1) {
      // A select menu takes the whole row.
      errors.add(
        [...path, r, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child, c) => {
      const at: Path = [...path, r, 'components', c];
      if (child.custom_id !== undefined) {
        if (customIds.has(child.custom_id)) {
          errors.add(
            [...at, 'custom_id'],
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          );
        }
        customIds.add(child.custom_id);
      }
      if (child.type === ComponentType.Button) validateButton(child, at, errors);
      else validateSelect(child, at, errors);
    });
  });
}

function validateButton(button: LooseComponent, at: Path, errors: FormErrors): void {
  errors.maxLength([...at, 'label'], button.label, 80);
  if (button.style === ButtonStyle.Link) {
    if (button.url === undefined) errors.add([...at, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    validateUrl([...at, 'url'], button.url, errors, ['discord']);
    if (button.custom_id !== undefined) {
      errors.add(
        [...at, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A custom id cannot be set on link buttons',
      );
    }
  } else if (button.style !== ButtonStyle.Premium) {
    errors.lengthBetween([...at, 'custom_id'], button.custom_id, 1, 100);
  }
}

function validateSelect(select: LooseComponent, at: Path, errors: FormErrors): void {
  errors.lengthBetween([...at, 'custom_id'], select.custom_id, 1, 100);
  errors.maxLength([...at, 'placeholder'], select.placeholder, 150);
  if (select.min_values !== undefined && (select.min_values < 0 || select.min_values > 25)) {
    errors.add([...at, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 25.');
  }
  if (select.max_values !== undefined && (select.max_values < 1 || select.max_values > 25)) {
    errors.add([...at, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 25.');
  }
  if (select.type === ComponentType.StringSelect) {
    const options = select.options ?? [];
    if (options.length < 1 || options.length > 25) {
      errors.add([...at, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    }
    options.forEach((option, o) => {
      errors.lengthBetween([...at, 'options', o, 'label'], option.label, 1, 100);
      errors.lengthBetween([...at, 'options', o, 'value'], option.value, 1, 100);
      errors.maxLength([...at, 'options', o, 'description'], option.description, 100);
    });
  }
}

function validateAllowedMentions(allowed: Loose | undefined | null, path: Path, errors: FormErrors): void {
  if (!allowed) return;
  const parse = (allowed.parse ?? []) as string[];
  const kinds: string[] = Object.values(AllowedMentionsTypes);
  parse.forEach((kind, i) => {
    if (!kinds.includes(kind))
      errors.add([...path, 'parse', i], 'ENUM_TYPE_COERCE', `Value "${kind}" is not a valid enum value.`);
  });
  for (const kind of ['users', 'roles'] as const) {
    const list = allowed[kind] as unknown[] | undefined;
    errors.arrayMax([...path, kind], list, 100);
    if (list && list.length > 0 && parse.includes(kind)) {
      errors.add(
        [...path, 'parse'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

// ------------------------------------------------------------------------------ interaction callbacks

export function validateAutocomplete(raw: unknown): APICommandAutocompleteInteractionResponseCallbackData {
  const data = asObject(raw ?? {});
  const errors = new FormErrors();
  const choices = (data.choices ?? []) as { name?: string; value?: unknown }[];
  errors.arrayMax(['data', 'choices'], choices, 25);
  choices.forEach((choice, i) => {
    errors.lengthBetween(['data', 'choices', i, 'name'], choice.name, 1, 100);
    if (typeof choice.value === 'string')
      errors.maxLength(['data', 'choices', i, 'value'], choice.value, 100);
  });
  errors.throwIfAny();
  return data as APICommandAutocompleteInteractionResponseCallbackData;
}

export function validateModal(raw: unknown): APIModalInteractionResponseCallbackData {
  const data = asObject(raw);
  const errors = new FormErrors();
  errors.lengthBetween(['data', 'title'], data.title as string | undefined, 1, 45);
  errors.lengthBetween(['data', 'custom_id'], data.custom_id as string | undefined, 1, 100);
  const components = (data.components ?? []) as LooseComponent[];
  if (components.length < 1 || components.length > 5) {
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  components.forEach((component, i) => {
    const at: Path = ['data', 'components', i];
    if (component.type === ComponentType.ActionRow) {
      const inputs = component.components ?? [];
      if (inputs.length !== 1)
        errors.add([...at, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1 in length.');
      inputs.forEach((input, j) => {
        // In the legacy action-row form the text input carries its own label.
        errors.lengthBetween([...at, 'components', j, 'label'], input.label, 1, 45);
        validateTextInput(input, [...at, 'components', j], errors);
      });
    } else if (component.type === ComponentType.Label) {
      errors.lengthBetween([...at, 'label'], component.label, 1, 45);
      errors.maxLength([...at, 'description'], component.description, 100);
      const inner = component.component ?? {};
      if (inner.type === ComponentType.TextInput) validateTextInput(inner, [...at, 'component'], errors);
      else validateSelect(inner, [...at, 'component'], errors);
    } else if (component.type === ComponentType.TextDisplay) {
      errors.lengthBetween([...at, 'content'], component.content, 1, 4000);
    } else {
      errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
    }
  });
  errors.throwIfAny();
  return data as unknown as APIModalInteractionResponseCallbackData;
}

function validateTextInput(input: LooseComponent, at: Path, errors: FormErrors): void {
  if (input.type !== ComponentType.TextInput) {
    errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4,).');
    return;
  }
  errors.lengthBetween([...at, 'custom_id'], input.custom_id, 1, 100);
  if (input.style !== TextInputStyle.Short && input.style !== TextInputStyle.Paragraph) {
    errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  if (input.min_length !== undefined && (input.min_length < 0 || input.min_length > 4000)) {
    errors.add([...at, 'min_length'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 4000.');
  }
  if (input.max_length !== undefined && (input.max_length < 1 || input.max_length > 4000)) {
    errors.add([...at, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 4000.');
  }
  errors.maxLength([...at, 'value'], input.value, 4000);
  errors.maxLength([...at, 'placeholder'], input.placeholder, 100);
}

// ------------------------------------------------------------------------------ application commands

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function validateCommands(raw: unknown): RESTPutAPIApplicationCommandsJSONBody {
  if (!Array.isArray(raw)) {
    throw new DiscordHttpError(400, {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] },
    });
  }
  const errors = new FormErrors();
  const seen = new Set<string>();
  raw.forEach((command: Loose, i) => {
    const key = `${command.type ?? ApplicationCommandType.ChatInput}:${String(command.name)}`;
    if (seen.has(key))
      errors.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    seen.add(key);
    validateCommand(command, [i], errors);
  });
  errors.throwIfAny();
  return raw as RESTPutAPIApplicationCommandsJSONBody;
}

export function validateCommand(command: Loose, at: Path, errors: FormErrors): void {
  const type = (command.type as number | undefined) ?? ApplicationCommandType.ChatInput;
  const name = command.name as string | undefined;
  if (
    !name ||
    !COMMAND_NAME.test(name) ||
    (type === ApplicationCommandType.ChatInput && name !== name.toLowerCase())
  ) {
    errors.add([...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  if (type !== ApplicationCommandType.ChatInput) return;
  errors.lengthBetween([...at, 'description'], command.description as string | undefined, 1, 100);
  const options = (command.options ?? []) as LooseOption[];
  validateOptions(options, [...at, 'options'], errors, 0);
  const size = (name?.length ?? 0) + String(command.description ?? '').length + optionsSize(options);
  if (size > 4000) errors.add(at, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
}

function validateOptions(options: LooseOption[], at: Path, errors: FormErrors, depth: number): void {
  errors.arrayMax(at, options, 25);
  const isSub = (o: LooseOption) =>
    o.type === ApplicationCommandOptionType.Subcommand ||
    o.type === ApplicationCommandOptionType.SubcommandGroup;
  if (options.some(isSub) && !options.every(isSub)) {
    errors.add(
      at,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option, i) => {
    const path: Path = [...at, i];
    if (!option.name || !COMMAND_NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
      errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (option.name && names.has(option.name)) {
      errors.add(
        [...path, 'name'],
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        `Option name ${option.name} is already used in these options`,
      );
    }
    if (option.name) names.add(option.name);
    errors.lengthBetween([...path, 'description'], option.description, 1, 100);
    if (option.required && sawOptional) {
      errors.add(
        [...path, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (!option.required && !isSub(option)) sawOptional = true;
    const choices = option.choices ?? [];
    errors.arrayMax([...path, 'choices'], choices, 25);
    choices.forEach((choice: APIApplicationCommandOptionChoice | { name?: string; value?: unknown }, c) => {
      errors.lengthBetween([...path, 'choices', c, 'name'], choice.name, 1, 100);
      if (typeof choice.value === 'string')
        errors.maxLength([...path, 'choices', c, 'value'], choice.value, 100);
    });
    if (option.autocomplete && choices.length > 0) {
      errors.add(
        [...path, 'autocomplete'],
        'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
        'Autocomplete cannot be enabled on options that have choices',
      );
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const value = option[key];
      if (value !== undefined && (value < 0 || value > 6000)) {
        errors.add([...path, key], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 6000.');
      }
    }
    if (isSub(option)) {
      const nestedOk =
        option.type === ApplicationCommandOptionType.SubcommandGroup ? depth === 0 : depth <= 1;
      if (!nestedOk)
        errors.add(
          [...path, 'type'],
          'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
          'Sub-commands cannot be nested this deep',
        );
      validateOptions(option.options ?? [], [...path, 'options'], errors, depth + 1);
    }
  });
}

function optionsSize(options: LooseOption[]): number {
  return options.reduce(
    (sum, o) =>
      sum +
      (o.name?.length ?? 0) +
      (o.description?.length ?? 0) +
      (o.choices ?? []).reduce((s, c) => s + (c.name?.length ?? 0) + String(c.value ?? '').length, 0) +
      optionsSize(o.options ?? []),
    0,
  );
}

/** Discord refuses a message with nothing to show: 400, code 50006. */
export function assertNotEmpty(message: {
  content?: string | null;
  embeds?: readonly unknown[] | null;
  components?: readonly unknown[] | null;
  attachments?: readonly unknown[];
  sticker_ids?: readonly unknown[];
  poll?: unknown;
}): void {
  const nonEmpty = (list: readonly unknown[] | null | undefined) => (list?.length ?? 0) > 0;
  const hasContent = typeof message.content === 'string' && message.content.trim() !== '';
  if (
    !hasContent &&
    !nonEmpty(message.embeds) &&
    !nonEmpty(message.components) &&
    !nonEmpty(message.attachments) &&
    !nonEmpty(message.sticker_ids) &&
    !message.poll
  ) {
    throw apiErrors.emptyMessage();
  }
}
