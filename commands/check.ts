import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import { ITEM_STATUSES } from '../src/db/schema.js';
import { defineCommand } from '../src/discord/command.js';
import { NOTE_MAX_LENGTH, parseNote } from '../src/roadmaps/check-item.js';
import { optionalLink } from '../src/shared/input.js';
import { MAX_URL_LENGTH } from '../src/shared/normalize-url.js';
import { changeItemStatus, ITEM_OPTION, STATUS_RATE_LIMIT } from './options/change-item-status.js';
import { respondWithItemChoices } from './options/item-option.js';

export const checkCommand = defineCommand(
  {
    name: 'check',
    description: 'Set an item of your roadmap to done (or learning, skipped, to do)',
    contexts: [InteractionContextType.Guild],
    options: [
      ITEM_OPTION,
      {
        type: ApplicationCommandOptionType.String,
        name: 'status',
        description: 'The new status (default: done)',
        choices: ITEM_STATUSES.map((status) => ({ name: status, value: status })),
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'note',
        description: 'A note on this step',
        max_length: NOTE_MAX_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'link',
        description: 'A link (http or https)',
        max_length: MAX_URL_LENGTH,
      },
    ],
  },
  {
    rateLimit: STATUS_RATE_LIMIT,
    async execute(interaction, ctx, options) {
      await changeItemStatus(interaction, ctx, options.item, {
        status: options.status ?? 'done',
        note: parseNote(options.note),
        link: optionalLink(options.link, 'Link'),
      });
    },
    autocomplete: { item: (interaction, ctx) => respondWithItemChoices(interaction, ctx) },
  },
);
