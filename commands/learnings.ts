import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { readShownMember } from '../src/core/profile-visibility.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { type PagedView, replyWithPages, turnPage } from '../src/discord/pagination.js';
import { LEARNINGS_PAGE_SIZE, learningsPageDescription } from '../src/discord/views/learning-view.js';
import { truncate } from '../src/shared/text.js';
import { UserError } from '../src/shared/user-error.js';
import { type LearningFilter, searchLearnings, toFtsQuery } from '../src/sharing/learnings-queries.js';
import { respondWithItemChoices } from './options/item-option.js';
import { readOptionalItem } from './options/optional-item-option.js';

const COMMAND = 'learnings';
const MAX_SEARCH_LENGTH = 100;

interface LearningsState {
  filter: LearningFilter;
  /** What the list is narrowed to, shown above it. */
  summary: string | null;
}

const learningsView: PagedView<LearningsState> = {
  command: COMMAND,
  async render(ctx, state, page) {
    const { learnings, total, capped } = await searchLearnings(ctx.db, state.filter, {
      limit: LEARNINGS_PAGE_SIZE,
      offset: page * LEARNINGS_PAGE_SIZE,
    });
    const counted = `${total.toLocaleString('en-US')}${capped ? '+' : ''} learning${total === 1 ? '' : 's'}`;
    const body = learningsPageDescription(learnings, state.summary !== null);
    const embed = waymarkEmbed()
      .setTitle('Learnings')
      .setDescription(state.summary === null ? body : `${state.summary}\n\n${body}`)
      .setFooter({ text: `${counted} · newest first` });
    return { embed, pageCount: Math.max(1, Math.ceil(total / LEARNINGS_PAGE_SIZE)) };
  },
};

export const learningsCommand = {
  data: new SlashCommandBuilder()
    .setName(COMMAND)
    .setDescription('Browse and search what members have learned')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((option) => option.setName('member').setDescription('Only this member’s learnings'))
    .addStringOption((option) =>
      option.setName('item').setDescription('Only learnings about this roadmap item').setAutocomplete(true),
    )
    .addStringOption((option) =>
      option.setName('search').setDescription('Words to look for').setMaxLength(MAX_SEARCH_LENGTH),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const member = await readShownMember(interaction, ctx);
    const search = interaction.options.getString('search');
    if (search !== null && toFtsQuery(search) === null) {
      throw new UserError('Search for at least one word (letters or digits).');
    }
    const item = await readOptionalItem(interaction, ctx);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const summary = [
      member ? `by <@${member.id}>` : null,
      item ? `about 📍 ${truncate(item.label, 80)}` : null,
      search ? `matching “${truncate(search, MAX_SEARCH_LENGTH)}”` : null,
    ].filter((part) => part !== null);
    const state: LearningsState = {
      filter: {
        guildId: interaction.guildId,
        userId: member?.id,
        itemId: item?.id,
        search: search ?? undefined,
      },
      summary: summary.length > 0 ? `Learnings ${summary.join(' · ')}` : null,
    };
    await replyWithPages(interaction, ctx, learningsView, state, { ephemeral: true });
  },
  async autocomplete(interaction, ctx) {
    await respondWithItemChoices(interaction, ctx);
  },
  async handleComponent(interaction, ctx, id) {
    if (!interaction.isButton() || !(await turnPage(interaction, ctx, learningsView, id))) {
      throw new UserError('This button has expired. Run /learnings again.');
    }
  },
} satisfies LegacySlashCommand;
