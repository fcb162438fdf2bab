import { ApplicationCommandOptionType, InteractionContextType, MessageFlags } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { PAGE_ACTION, type PagedView, pageTurner, replyWithPages } from '../src/discord/pagination.js';
import { LEARNINGS_PAGE_SIZE, learningsPageDescription } from '../src/discord/views/learning-view.js';
import { pluralWord } from '../src/shared/plural.js';
import { truncate } from '../src/shared/text.js';
import { UserError } from '../src/shared/user-error.js';
import { type LearningFilter, searchLearnings, toFtsQuery } from '../src/sharing/learnings-queries.js';
import { respondWithItemChoices } from './options/item-option.js';
import { resolveSharedItem } from './options/optional-item-option.js';
import { visibleMember } from './preconditions/visible-member.js';

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
    const counted = `${total.toLocaleString('en-US')}${capped ? '+' : ''} ${pluralWord(total, 'learning')}`;
    const body = learningsPageDescription(learnings, state.summary !== null);
    const embed = waymarkEmbed()
      .setTitle('Learnings')
      .setDescription(state.summary === null ? body : `${state.summary}\n\n${body}`)
      .setFooter({ text: `${counted} · newest first` });
    return { embed, pageCount: Math.max(1, Math.ceil(total / LEARNINGS_PAGE_SIZE)) };
  },
};

export const learningsCommand = defineCommand(
  {
    name: COMMAND,
    description: 'Browse and search what members have learned',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.User,
        name: 'member',
        description: 'Only this member’s learnings',
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'item',
        description: 'Only learnings about this roadmap item',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'search',
        description: 'Words to look for',
        max_length: MAX_SEARCH_LENGTH,
      },
    ],
  },
  {
    preconditions: [visibleMember],
    async execute(interaction, ctx, options) {
      const member = options.member?.user ?? null;
      const { search } = options;
      if (search !== null && toFtsQuery(search) === null) {
        throw new UserError('Search for at least one word (letters or digits).');
      }
      const caller = { guildId: interaction.guildId, userId: interaction.user.id };
      const item = options.item?.trim() ? await resolveSharedItem(ctx, caller, options.item) : null;
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
    autocomplete: { item: (interaction, ctx) => respondWithItemChoices(interaction, ctx) },
    buttons: { [PAGE_ACTION]: pageTurner(learningsView) },
  },
);
