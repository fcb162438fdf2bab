import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { respondWithItemChoices } from '../src/roadmaps/item-option.js';
import { changeItemStatus, itemOption, STATUS_RATE_LIMIT } from '../src/roadmaps/status-command.js';

export const uncheckCommand = {
  data: new SlashCommandBuilder()
    .setName('uncheck')
    .setDescription('Set an item of your roadmap back to to do')
    .setContexts(InteractionContextType.Guild)
    .addStringOption(itemOption)
    .toJSON(),
  rateLimit: { '*': STATUS_RATE_LIMIT },
  async execute(interaction, ctx) {
    await changeItemStatus(interaction, ctx, { status: 'todo', note: null, link: null });
  },
  async autocomplete(interaction, ctx) {
    await respondWithItemChoices(interaction, ctx, 'finished');
  },
} satisfies SlashCommand;
