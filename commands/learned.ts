import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  InteractionContextType,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  RESTJSONErrorCodes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { enqueuePost } from '../src/core/outbox.js';
import { inTransaction } from '../src/db/transaction.js';
import { defineCommand, type ModalHandler } from '../src/discord/command.js';
import { buildCustomId } from '../src/discord/custom-id.js';
import { deliverAsReply } from '../src/discord/posts/outbox-delivery.js';
import { resolveMentionNames } from '../src/discord/readable-mentions.js';
import {
  learningPostEmbed,
  learningThreadName,
  learningThreadTopic,
} from '../src/discord/views/learning-view.js';
import { DISCORD_LIMITS } from '../src/shared/discord-limits.js';
import { optionalLink } from '../src/shared/input.js';
import { MAX_URL_LENGTH } from '../src/shared/normalize-url.js';
import { UserError } from '../src/shared/user-error.js';
import { createLearning, findLearning, setLearningThread } from '../src/sharing/learnings-queries.js';
import {
  type LearningInput,
  parseLearningInput,
  parseTags,
  SHARING_LIMITS,
} from '../src/sharing/sharing-input.js';
import { respondWithItemChoices } from './options/item-option.js';
import { resolveOptionalItem, type SharedItem } from './options/optional-item-option.js';
import { SHARING_RATE_LIMIT } from './options/rate-limits.js';

const COMMAND = 'learned';
const COMPOSE_ACTION = 'compose';
const DISCUSS_ACTION = 'discuss';
/** Discord's answers when the bot may not start a thread on the post (permissions, or a post inside a thread). */
const CANNOT_OPEN_THREAD = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
]);

function composeModal(item: SharedItem | null, link: string | null, tags: string): ModalBuilder {
  const text = new TextInputBuilder()
    .setCustomId('text')
    .setLabel('What did you learn?')
    .setStyle(TextInputStyle.Paragraph)
    .setMaxLength(SHARING_LIMITS.learning)
    .setRequired(true);
  const linkInput = new TextInputBuilder()
    .setCustomId('link')
    .setLabel('Link (optional)')
    .setStyle(TextInputStyle.Short)
    .setMaxLength(MAX_URL_LENGTH)
    .setRequired(false);
  if (link) linkInput.setValue(link);
  const tagsInput = new TextInputBuilder()
    .setCustomId('tags')
    .setLabel(`Tags (optional, up to ${SHARING_LIMITS.tagCount})`)
    .setPlaceholder('python, async')
    .setStyle(TextInputStyle.Short)
    .setMaxLength(SHARING_LIMITS.tagsInput)
    .setRequired(false);
  if (tags) tagsInput.setValue(tags);
  return new ModalBuilder()
    .setCustomId(buildCustomId(COMMAND, COMPOSE_ACTION, item?.id ?? ''))
    .setTitle('Share what you learned')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(text),
      new ActionRowBuilder<TextInputBuilder>().addComponents(linkInput),
      new ActionRowBuilder<TextInputBuilder>().addComponents(tagsInput),
    );
}

/**
 * Stores the learning and its public post in one transaction, then posts it as the answer to
 * the member, with its Discuss button. Should that not happen (a crash, Discord down), the
 * outbox posts it in the channel later.
 */
async function postLearning(
  interaction: ChatInputCommandInteraction<'cached'> | ModalSubmitInteraction<'cached'>,
  ctx: AppContext,
  input: LearningInput,
  item: SharedItem | null,
): Promise<void> {
  const now = ctx.clock.now();
  const author = { name: interaction.member.displayName, iconUrl: interaction.member.displayAvatarURL() };
  const post = await inTransaction(ctx.db, async (trx) => {
    const learning = await createLearning(
      trx,
      {
        guild_id: interaction.guildId,
        user_id: interaction.user.id,
        text: input.text,
        link: input.link,
        tags: input.tags.join(' '),
        item_id: item?.id ?? null,
        channel_id: interaction.channelId,
        message_id: null,
        thread_id: null,
        created_at: now.toISOString(),
      },
      item?.roadmapId ?? null,
      ctx.config.defaultTimezone,
    );
    const embed = learningPostEmbed({
      author,
      text: input.text,
      item: item ? { label: item.label, phaseTitle: item.phaseTitle } : null,
      link: input.link,
      tags: input.tags,
      createdAt: now,
    });
    const discuss = new ButtonBuilder()
      .setCustomId(buildCustomId(COMMAND, DISCUSS_ACTION, learning.id))
      .setLabel('Discuss')
      .setEmoji('💬')
      .setStyle(ButtonStyle.Secondary);
    const message = {
      embeds: [embed.toJSON()],
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(discuss).toJSON()],
    };
    return enqueuePost(
      trx,
      {
        guildId: interaction.guildId,
        kind: 'learning',
        channelId: interaction.channelId,
        ownerId: interaction.user.id,
        subjectId: learning.id,
        payload: { message, data: {} },
      },
      now,
    );
  });
  // Member text may contain @everyone or role mentions; the post never pings anyone.
  await deliverAsReply(ctx, post, interaction);
}

/**
 * Opens the discussion thread on a learning's post, once: a learning that has one points to
 * it. A thread started from a message shares the message's id, which also settles the race of
 * two members pressing Discuss at the same moment.
 */
async function openDiscussion(interaction: ButtonInteraction<'cached'>, ctx: AppContext, learningId: number) {
  const learning = await findLearning(ctx.db, interaction.guildId, learningId);
  if (!learning) throw new UserError('This learning is no longer available.');
  if (learning.thread_id) {
    await interaction.reply({
      content: `The discussion is already open: <#${learning.thread_id}>`,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let threadId: string;
  try {
    const names = await resolveMentionNames(
      interaction.guild,
      learningThreadTopic(learning.text),
      DISCORD_LIMITS.threadName,
    );
    const thread = await interaction.message.startThread({ name: learningThreadName(learning.text, names) });
    threadId = thread.id;
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    if (error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
      threadId = interaction.message.id;
    } else if (CANNOT_OPEN_THREAD.has(Number(error.code))) {
      throw new UserError(
        'I can’t open a thread on this post. Threads need a text channel where I have the Create Public Threads permission.',
      );
    } else {
      throw error;
    }
  }
  await setLearningThread(ctx.db, learning, threadId, ctx.clock.now());
  await interaction.editReply({ content: `Discussion opened: <#${threadId}>` });
}

/** The form /learned opens without `text`; its item (if any) was resolved when it was opened. */
const submitComposed: ModalHandler = async (interaction, ctx, id) => {
  const input = parseLearningInput({
    text: interaction.fields.getTextInputValue('text'),
    link: interaction.fields.getTextInputValue('link'),
    tags: interaction.fields.getTextInputValue('tags'),
  });
  const item = await resolveOptionalItem(
    ctx,
    { guildId: interaction.guildId, userId: interaction.user.id },
    id.args[0] ?? null,
  );
  await postLearning(interaction, ctx, input, item);
};

export const learnedCommand = defineCommand(
  {
    name: COMMAND,
    description: 'Share something you learned with the server',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'What you learned (leave it out to write it in a form)',
        max_length: SHARING_LIMITS.learning,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'item',
        description: 'The roadmap item it is about',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'link',
        description: 'A link to the source or your notes',
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'tags',
        description: 'Up to 5 tags, separated by commas or spaces',
        max_length: SHARING_LIMITS.tagsInput,
      },
    ],
  },
  {
    rateLimit: SHARING_RATE_LIMIT,
    async execute(interaction, ctx, { text, item: itemInput, link, tags }) {
      const member = { guildId: interaction.guildId, userId: interaction.user.id };
      const item = await resolveOptionalItem(ctx, member, itemInput);
      if (text === null) {
        // Refuse a bad link or tags now rather than after the member has written the learning.
        await interaction.showModal(
          composeModal(item, optionalLink(link, 'Link'), parseTags(tags).join(', ')),
        );
        return;
      }
      await postLearning(interaction, ctx, parseLearningInput({ text, link, tags }), item);
    },
    autocomplete: { item: (interaction, ctx) => respondWithItemChoices(interaction, ctx) },
    modals: { [COMPOSE_ACTION]: submitComposed },
    buttons: {
      [DISCUSS_ACTION]: (interaction, ctx, id) => openDiscussion(interaction, ctx, Number(id.args[0])),
    },
  },
);
