import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { ITEM_STATUSES, type ItemStatus } from '../src/db/schema.js';
import type { SlashCommand } from '../src/discord/command.js';
import { NOTE_MAX_LENGTH, parseNote } from '../src/roadmaps/check-item.js';
import { respondWithItemChoices } from '../src/roadmaps/item-option.js';
import { changeItemStatus, itemOption, STATUS_RATE_LIMIT } from '../src/roadmaps/status-command.js';
import { optionalLink } from '../src/sharing/limits.js';
import { MAX_URL_LENGTH } from '../src/sharing/normalize-url.js';

export const checkCommand = {
  data: new SlashCommandBuilder()
    .setName('check')
    .setDescription('Set an item of your roadmap to done (or learning, skipped, to do)')
    .setContexts(InteractionContextType.Guild)
    .addStringOption(itemOption)
    .addStringOption((option) =>
      option
        .setName('status')
        .setDescription('The new status (default: done)')
        .addChoices(ITEM_STATUSES.map((status) => ({ name: status, value: status }))),
    )
    .addStringOption((option) =>
      option.setName('note').setDescription('A note on this step').setMaxLength(NOTE_MAX_LENGTH),
    )
    .addStringOption((option) =>
      option.setName('link').setDescription('A link (http or https)').setMaxLength(MAX_URL_LENGTH),
    )
    .toJSON(),
  rateLimit: { '*': STATUS_RATE_LIMIT },
  async execute(interaction, ctx) {
    const status = (interaction.options.getString('status') ?? 'done') as ItemStatus;
    const note = parseNote(interaction.options.getString('note'));
    const link = optionalLink(interaction.options.getString('link'), 'Link');
    await changeItemStatus(interaction, ctx, { status, note, link });
  },
  async autocomplete(interaction, ctx) {
    await respondWithItemChoices(interaction, ctx);
  },
} satisfies SlashCommand;
