import type { AutocompleteInteraction } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import type { Roadmap } from '../../src/db/schema.js';
import {
  findActiveItem,
  findFollowedRoadmap,
  findMemberStatuses,
  type ItemRef,
} from '../../src/roadmaps/followed-roadmap.js';
import { roadmapItemIndex } from '../../src/roadmaps/item-index-cache.js';
import { resolveItemInput, type SearchOptions, searchItems } from '../../src/roadmaps/item-search.js';
import { truncate } from '../../src/shared/text.js';
import { UserError } from '../../src/shared/user-error.js';

export interface Member {
  guildId: string;
  userId: string;
}

export interface ResolvedItem {
  item: ItemRef;
  roadmap: Roadmap;
}

export const NO_ROADMAP =
  'This server has no roadmap yet. Someone with Manage Server can add one with `/roadmap template` or `/roadmap import`.';

/**
 * Autocomplete for an `item` option: the member's followed roadmap, matched on any word,
 * open items first (or finished ones, for undoing).
 */
export async function respondWithItemChoices(
  interaction: AutocompleteInteraction<'cached'>,
  ctx: AppContext,
  prefer: SearchOptions['prefer'] = 'open',
): Promise<void> {
  const member = { guildId: interaction.guildId, userId: interaction.user.id };
  const roadmap = await findFollowedRoadmap(ctx.db, member.guildId, member.userId);
  if (!roadmap) {
    await interaction.respond([]);
    return;
  }
  const index = await roadmapItemIndex(ctx.db, roadmap);
  const statuses = await findMemberStatuses(ctx.db, member.userId, roadmap.id);
  const query = String(interaction.options.getFocused());
  await interaction.respond(
    searchItems(index, query, { statusOf: (id) => statuses.get(id) ?? 'todo', prefer }),
  );
}

/** A picked choice's value: an item id, written the way a choice carries it. */
function pickedItemId(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^[1-9]\d{0,14}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/**
 * The item an `item` option names: a picked choice (its id) or typed text that matches one
 * item unambiguously. Anything else is refused rather than guessed.
 */
export async function resolveItemOption(
  ctx: AppContext,
  member: Member,
  value: string,
): Promise<ResolvedItem> {
  const roadmap = await findFollowedRoadmap(ctx.db, member.guildId, member.userId);
  if (!roadmap) throw new UserError(NO_ROADMAP);
  const pickedId = pickedItemId(value);
  const picked = pickedId === undefined ? undefined : await findActiveItem(ctx.db, roadmap.id, pickedId);
  // Text that is not one of this roadmap's ids (typed words, or digits in a label) is searched.
  const item = picked ?? resolveItemInput(await roadmapItemIndex(ctx.db, roadmap), value);
  if (!item) {
    throw new UserError(
      `No single item in **${roadmap.name}** matches “${truncate(value, 80)}”. Pick one from the suggestions as you type.`,
    );
  }
  return { item, roadmap };
}
