import type { ChatInputCommandInteraction } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import { type Member, resolveItemOption } from './item-option.js';

/** A roadmap item a learning or resource is tied to, as sharing shows and stores it. */
export interface SharedItem {
  id: number;
  label: string;
  phaseTitle: string;
  roadmapId: number;
}

/** Resolves an `item` option value (a picked choice or typed text) on the member's followed roadmap. */
export async function resolveSharedItem(ctx: AppContext, member: Member, value: string): Promise<SharedItem> {
  const { item, roadmap } = await resolveItemOption(ctx, member, value);
  return { id: item.id, label: item.label, phaseTitle: item.phase_title, roadmapId: roadmap.id };
}

/** The optional `item` option of a sharing command, resolved; `null` when it was left out. */
export async function resolveOptionalItem(
  ctx: AppContext,
  member: Member,
  value: string | null,
): Promise<SharedItem | null> {
  if (value === null || value.trim() === '') return null;
  return resolveSharedItem(ctx, member, value);
}

export async function readOptionalItem(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
): Promise<SharedItem | null> {
  return resolveOptionalItem(
    ctx,
    { guildId: interaction.guildId, userId: interaction.user.id },
    interaction.options.getString('item'),
  );
}
