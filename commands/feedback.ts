import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { findThreadRepliers } from '../src/core/discussion-threads.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { NO_MENTIONS } from '../src/discord/mentions.js';
import { chunkLines, type PagedView, replyWithPages, turnPage } from '../src/discord/pagination.js';
import { assertCanHostFeedback, postFeedbackRequest } from '../src/discord/posts/open-feedback-thread.js';
import {
  renderAlreadyClosed,
  renderClosingNote,
  renderOpenRequestLine,
} from '../src/discord/views/feedback-view.js';
import {
  assertThanksEarned,
  FEEDBACK_DETAILS_MAX_LENGTH,
  FEEDBACK_TOPIC_MAX_LENGTH,
  parseFeedbackRequest,
} from '../src/feedback/feedback-input.js';
import {
  createFeedbackRequest,
  findFeedbackRequestByThread,
  findOpenFeedbackRequests,
  resolveFeedbackRequest,
} from '../src/feedback/feedback-queries.js';
import { MAX_URL_LENGTH } from '../src/shared/normalize-url.js';
import { UserError } from '../src/shared/user-error.js';

type Interaction = ChatInputCommandInteraction<'cached'>;

const openRequestsView: PagedView<{ guildId: string }> = {
  command: 'feedback',
  async render(ctx, state, page) {
    const requests = await findOpenFeedbackRequests(ctx.db, state.guildId);
    const pages = chunkLines(requests.map(renderOpenRequestLine));
    const embed = waymarkEmbed()
      .setTitle(`Open feedback requests (${requests.length})`)
      .setDescription(
        requests.length === 0
          ? 'Nobody is waiting for feedback right now. Ask for some with `/feedback request`.'
          : (pages[page] ?? []).join('\n'),
      )
      .setFooter({ text: 'Unanswered first, then oldest. Reply in a thread to help.' });
    return { embed, pageCount: pages.length };
  },
};

async function request(interaction: Interaction, ctx: AppContext): Promise<void> {
  const input = parseFeedbackRequest({
    topic: interaction.options.getString('topic', true),
    link: interaction.options.getString('link'),
    details: interaction.options.getString('details'),
  });
  const channel = interaction.channel;
  assertCanHostFeedback(channel, interaction.appPermissions);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const posted = await postFeedbackRequest(channel, interaction.user.id, input);
  await createFeedbackRequest(
    ctx.db,
    {
      guild_id: interaction.guildId,
      requester_id: interaction.user.id,
      topic: input.topic,
      link: input.link,
      details: input.details,
      channel_id: channel.id,
      message_id: posted.messageId,
      thread_id: posted.threadId,
      created_at: ctx.clock.now().toISOString(),
    },
    ctx.config.defaultTimezone,
  );
  await interaction.editReply({
    content: `Your request is open in <#${posted.threadId}>. When you have what you need, run \`/feedback close\` there (optionally with \`thanks:\`) to credit everyone who helped.`,
  });
}

async function close(interaction: Interaction, ctx: AppContext): Promise<void> {
  // Looked up by id: an old archived thread may no longer be in discord.js's cache.
  const found = await findFeedbackRequestByThread(ctx.db, interaction.channelId);
  if (!found) {
    throw new UserError('Run /feedback close inside the thread of the feedback request you want to close.');
  }
  if (found.status !== 'open') throw new UserError(renderAlreadyClosed(found));
  const isRequester = found.requester_id === interaction.user.id;
  if (!isRequester && !interaction.memberPermissions.has(PermissionFlagsBits.ManageThreads)) {
    throw new UserError(
      'Only the member who asked for feedback, or a moderator with Manage Threads, can close it.',
    );
  }
  const thanked = interaction.options.getUser('thanks');
  assertThanksEarned(thanked && { id: thanked.id, bot: thanked.bot }, {
    closerId: interaction.user.id,
    requesterId: found.requester_id,
    repliers: await findThreadRepliers(ctx.db, found.thread_id),
  });
  // Resolved before answering (it takes milliseconds), so a member who loses a race with another
  // closer is told privately: a deferral would already have made the answer public.
  const result = await resolveFeedbackRequest(
    ctx.db,
    {
      requestId: found.id,
      resolvedBy: interaction.user.id,
      thankedUserId: thanked?.id ?? null,
      at: ctx.clock.now(),
    },
    ctx.config.defaultTimezone,
  );
  if (!result) {
    const closed = await findFeedbackRequestByThread(ctx.db, found.thread_id);
    throw new UserError(closed ? renderAlreadyClosed(closed) : 'This feedback request is no longer open.');
  }
  await interaction.reply({
    content: renderClosingNote(result.request, result.helpers),
    allowedMentions: NO_MENTIONS,
  });
  // The request is resolved whatever happens next; a thread left open only needs a moderator's click.
  await archiveThread(ctx, found.thread_id).catch((error: unknown) =>
    ctx.logger.warn({ err: error, threadId: found.thread_id }, 'could not archive a feedback thread'),
  );
}

async function archiveThread(ctx: AppContext, threadId: string): Promise<void> {
  const thread = await ctx.client.channels.fetch(threadId);
  if (thread?.isThread()) await thread.setArchived(true, 'Feedback request resolved');
}

async function list(interaction: Interaction, ctx: AppContext): Promise<void> {
  await replyWithPages(
    interaction,
    ctx,
    openRequestsView,
    { guildId: interaction.guildId },
    { ephemeral: true },
  );
}

const SUBCOMMANDS = { request, close, list } as const;

export const feedbackCommand = {
  data: new SlashCommandBuilder()
    .setName('feedback')
    .setDescription('Ask peers for feedback in a thread, and credit those who help')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('request')
        .setDescription('Open a thread asking for feedback on your code, design or learning approach')
        .addStringOption((option) =>
          option
            .setName('topic')
            .setDescription('What you would like feedback on')
            .setRequired(true)
            .setMaxLength(FEEDBACK_TOPIC_MAX_LENGTH),
        )
        .addStringOption((option) =>
          option
            .setName('link')
            .setDescription('A link to the code, design or notes (https://…)')
            .setMaxLength(MAX_URL_LENGTH),
        )
        .addStringOption((option) =>
          option
            .setName('details')
            .setDescription('Context, and what kind of feedback helps you most')
            .setMaxLength(FEEDBACK_DETAILS_MAX_LENGTH),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('close')
        .setDescription('Inside the request’s thread: resolve it, credit the helpers and archive it')
        .addUserOption((option) => option.setName('thanks').setDescription('A member to thank especially')),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('Open requests, unanswered and oldest first'))
    .toJSON(),
  async execute(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand(true) as keyof typeof SUBCOMMANDS;
    await SUBCOMMANDS[subcommand](interaction, ctx);
  },
  async handleComponent(interaction, ctx, id) {
    if (!interaction.isButton() || !(await turnPage(interaction, ctx, openRequestsView, id))) {
      throw new UserError('This button has expired. Run /feedback list again.');
    }
  },
} satisfies LegacySlashCommand;
