import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type EmbedBuilder,
  type InteractionReplyOptions,
  MessageFlags,
} from 'discord.js';
import type { AppContext } from '../context.js';
import { UserError } from '../shared/user-error.js';
import type { ButtonHandler } from './command.js';
import { assertComponentOwner, buildCustomId } from './custom-id.js';
import { loadViewState, saveViewState } from './view-state.js';

/** Room left under Discord's 4,096-character embed description for a header line or two. */
export const PAGE_DESCRIPTION_LIMIT = 3_800;

export const PAGE_ACTION = 'page';

export interface RenderedPage {
  embed: EmbedBuilder;
  pageCount: number;
}

/**
 * A view that can render any of its pages from a small stored state (its filters). Pages are
 * rendered on demand, so a button press always shows current data.
 */
export interface PagedView<State> {
  /** The command that owns the buttons (the custom id prefix). */
  command: string;
  render(ctx: AppContext, state: State, page: number): Promise<RenderedPage>;
}

/** Splits lines into pages whose joined text stays within `limit` characters. */
export function chunkLines(lines: readonly string[], limit = PAGE_DESCRIPTION_LIMIT): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    const added = line.length + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && length + added > limit) {
      pages.push(current);
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

export function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(0, page), Math.max(0, pageCount - 1));
}

function pageButtons(command: string, stateId: string, page: number, pageCount: number) {
  const button = (target: number, label: string, disabled: boolean) =>
    new ButtonBuilder()
      .setCustomId(buildCustomId(command, PAGE_ACTION, stateId, target, label === '◀' ? 'prev' : 'next'))
      .setLabel(label)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(disabled);
  const indicator = new ButtonBuilder()
    .setCustomId(buildCustomId(command, PAGE_ACTION, stateId, page, 'at'))
    .setLabel(`${page + 1} / ${pageCount}`)
    .setStyle(ButtonStyle.Secondary)
    .setDisabled(true);
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    button(page - 1, '◀', page === 0),
    indicator,
    button(page + 1, '▶', page >= pageCount - 1),
  );
}

async function renderWithButtons<State>(
  ctx: AppContext,
  view: PagedView<State>,
  state: State,
  stateId: string,
  page: number,
) {
  const first = await view.render(ctx, state, page);
  const current = clampPage(page, first.pageCount);
  const rendered = current === page ? first : await view.render(ctx, state, current);
  return {
    embeds: [rendered.embed],
    components:
      rendered.pageCount > 1 ? [pageButtons(view.command, stateId, current, rendered.pageCount)] : [],
  };
}

/**
 * Replies with the first page of a view (or edits the deferred reply), with ◀ ▶ buttons
 * when there is more than one page. Only the member who asked can turn the pages.
 */
export async function replyWithPages<State>(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  view: PagedView<State>,
  state: State,
  options: { ephemeral: boolean },
): Promise<void> {
  const stateId = await saveViewState(
    ctx.db,
    { guildId: interaction.guildId, userId: interaction.user.id },
    state,
    ctx.clock.now(),
  );
  const message = await renderWithButtons(ctx, view, state, stateId, 0);
  if (interaction.deferred) {
    await interaction.editReply(message);
    return;
  }
  const reply: InteractionReplyOptions = { ...message };
  if (options.ephemeral) reply.flags = MessageFlags.Ephemeral;
  await interaction.reply(reply);
}

/**
 * The ◀ / ▶ button handler for `view`, registered under `PAGE_ACTION` in a command's `buttons`.
 * Pages re-render from the stored state, so they always show current data.
 */
export function pageTurner<State>(view: PagedView<State>): ButtonHandler {
  return async (interaction, ctx, id) => {
    const [stateId = '', pageArg = '0'] = id.args;
    const stored = await loadViewState<State>(ctx.db, stateId);
    if (!stored) throw new UserError('This list has expired. Run the command again.');
    assertComponentOwner(interaction.user.id, stored.userId);
    await interaction.update(
      await renderWithButtons(ctx, view, stored.payload, stateId, Number(pageArg) || 0),
    );
  };
}
