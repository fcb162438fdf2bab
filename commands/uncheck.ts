import { InteractionContextType } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { changeItemStatus, ITEM_OPTION, STATUS_RATE_LIMIT } from './options/change-item-status.js';
import { respondWithItemChoices } from './options/item-option.js';

export const uncheckCommand = defineCommand(
  {
    name: 'uncheck',
    description: 'Set an item of your roadmap back to to do',
    contexts: [InteractionContextType.Guild],
    options: [ITEM_OPTION],
  },
  {
    rateLimit: STATUS_RATE_LIMIT,
    async execute(interaction, ctx, options) {
      await changeItemStatus(interaction, ctx, options.item, { status: 'todo', note: null, link: null });
    },
    autocomplete: { item: (interaction, ctx) => respondWithItemChoices(interaction, ctx, 'finished') },
  },
);
