import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { findThreadRepliers } from '../src/core/discussion-threads.js';
import { enqueuePost } from '../src/core/outbox.js';
import { inTransaction } from '../src/db/transaction.js';
import { defineCommand, type SlashCommandData } from '../src/discord/command.js';
import type { SubcommandOptions } from '../src/discord/command-options.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import {
  chunkLines,
  PAGE_ACTION,
  type PagedView,
  pageTurner,
  replyWithPages,
} from '../src/discord/pagination.js';
import { assertCanHostFeedback, openFeedbackRequest } from '../src/discord/posts/open-feedback-thread.js';
import { deliverAsReply } from '../src/discord/posts/outbox-delivery.js';
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
  findFeedbackRequestByThread,
  findOpenFeedbackRequests,
  resolveFeedbackRequest,
} from '../src/feedback/feedback-queries.js';
import { MAX_URL_LENGTH } from '../src/shared/normalize-url.js';
import { UserError } from '../src/shared/user-error.js';
import {
  feedbackRequestInThread,
  requesterOrThreadManager,
} from './preconditions/requester-or-thread-manager.js';

type Interaction = ChatInputCommandInteraction<'cached'>;

const definition = {
  name: 'feedback',
  description: 'Ask peers for feedback in a thread, and credit those who help',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'request',
      description: 'Open a thread asking for feedback on your code, design or learning approach',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          description: 'What you would like feedback on',
          required: true,
          max_length: FEEDBACK_TOPIC_MAX_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'link',
          description: 'A link to the code, design or notes (https://…)',
          max_length: MAX_URL_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'details',
          description: 'Context, and what kind of feedback helps you most',
          max_length: FEEDBACK_DETAILS_MAX_LENGTH,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'close',
      description: 'Inside the request’s thread: resolve it, credit the helpers and archive it',
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: 'thanks',
          description: 'A member to thank especially',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'Open requests, unanswered and oldest first',
    },
  ],
} as const satisfies SlashCommandData;

type Options = SubcommandOptions<typeof definition>;

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

async function request(
  interaction: Interaction,
  ctx: AppContext,
  options: Options['request'],
): Promise<void> {
  const input = parseFeedbackRequest(options);
  const channel = interaction.channel;
  assertCanHostFeedback(channel, interaction.appPermissions);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const opened = await openFeedbackRequest(ctx, channel, interaction.user.id, input);
  await interaction.editReply({
    content:
      opened.status === 'opened'
        ? `Your request is open in <#${opened.threadId}>. When you have what you need, run \`/feedback close\` there (optionally with \`thanks:\`) to credit everyone who helped.`
        : 'Discord is not answering right now. Your request is saved and will be posted here, with its thread, as soon as it does.',
  });
}

/** Runs after `requesterOrThreadManager`: the request is open and this member may close it. */
async function close(interaction: Interaction, ctx: AppContext, { thanks }: Options['close']): Promise<void> {
  const found = await feedbackRequestInThread(ctx, interaction.channelId);
  const thanked = thanks?.user ?? null;
  assertThanksEarned(thanked && { id: thanked.id, bot: thanked.bot }, {
    closerId: interaction.user.id,
    requesterId: found.requester_id,
    repliers: await findThreadRepliers(ctx.db, found.thread_id),
  });
  // Resolved before answering (it takes milliseconds), so a member who loses a race with another
  // closer is told privately: a deferral would already have made the answer public. The closing
  // note is stored with the resolution, so it is posted even if answering fails.
  const now = ctx.clock.now();
  const note = await inTransaction(ctx.db, async (trx) => {
    const result = await resolveFeedbackRequest(
      trx,
      { requestId: found.id, resolvedBy: interaction.user.id, thankedUserId: thanked?.id ?? null, at: now },
      ctx.config.defaultTimezone,
    );
    if (!result) return undefined;
    return enqueuePost(
      trx,
      {
        guildId: interaction.guildId,
        kind: 'closing_note',
        channelId: found.thread_id,
        ownerId: found.requester_id,
        subjectId: found.id,
        payload: { message: { content: renderClosingNote(result.request, result.helpers) }, data: {} },
      },
      now,
    );
  });
  if (!note) {
    const closed = await findFeedbackRequestByThread(ctx.db, found.thread_id);
    throw new UserError(closed ? renderAlreadyClosed(closed) : 'This feedback request is no longer open.');
  }
  // Delivering it archives the thread.
  await deliverAsReply(ctx, note, interaction);
}

export const feedbackCommand = defineCommand(definition, {
  subcommands: {
    request: { execute: request },
    close: { preconditions: [requesterOrThreadManager], execute: close },
    list: {
      async execute(interaction, ctx) {
        await replyWithPages(
          interaction,
          ctx,
          openRequestsView,
          { guildId: interaction.guildId },
          { ephemeral: true },
        );
      },
    },
  },
  buttons: { [PAGE_ACTION]: pageTurner(openRequestsView) },
});
