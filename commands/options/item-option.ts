import type { AutocompleteInteraction } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import type { Roadmap } from '../../src/db/schema.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  type ItemWithPhase,
  listActiveItems,
} from '../../src/roadmaps/followed-roadmap.js';
import {
  buildItemIndex,
  type ItemIndex,
  resolveItemInput,
  type SearchOptions,
  searchItems,
} from '../../src/roadmaps/item-search.js';
import { truncate } from '../../src/shared/text.js';
import { UserError } from '../../src/shared/user-error.js';

export interface Member {
  guildId: string;
  userId: string;
}

type SearchableRoadmapItem = ItemWithPhase & { phaseTitle: string };

export interface ResolvedItem {
  item: ItemWithPhase;
  roadmap: Roadmap;
}

export const NO_ROADMAP =
  'This server has no roadmap yet. Someone with Manage Server can add one with `/roadmap template` or `/roadmap import`.';

async function loadItemIndex(
  ctx: AppContext,
  member: Member,
): Promise<{ roadmap: Roadmap; index: ItemIndex<SearchableRoadmapItem> } | undefined> {
  const roadmap = await findFollowedRoadmap(ctx.db, member.guildId, member.userId);
  if (!roadmap) return undefined;
  const items = await listActiveItems(ctx.db, roadmap.id);
  return { roadmap, index: buildItemIndex(items.map((item) => ({ ...item, phaseTitle: item.phase_title }))) };
}

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
  const loaded = await loadItemIndex(ctx, member);
  if (!loaded) {
    await interaction.respond([]);
    return;
  }
  const statuses = await findMemberStatuses(ctx.db, member.userId, loaded.roadmap.id);
  const query = String(interaction.options.getFocused());
  await interaction.respond(
    searchItems(loaded.index, query, { statusOf: (id) => statuses.get(id) ?? 'todo', prefer }),
  );
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
  const loaded = await loadItemIndex(ctx, member);
  if (!loaded) throw new UserError(NO_ROADMAP);
  const item = resolveItemInput(loaded.index, value);
  if (!item) {
    throw new UserError(
      `No single item in **${loaded.roadmap.name}** matches “${truncate(value, 80)}”. Pick one from the suggestions as you type.`,
    );
  }
  return { item, roadmap: loaded.roadmap };
}
