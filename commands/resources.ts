import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { RESOURCE_CATEGORIES, type Resource } from '../src/db/schema.js';
import { defineCommand } from '../src/discord/command.js';
import type { SubcommandOptions } from '../src/discord/command-options.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import {
  chunkLines,
  clampPage,
  PAGE_ACTION,
  PAGE_DESCRIPTION_LIMIT,
  type PagedView,
  pageTurner,
  replyWithPages,
} from '../src/discord/pagination.js';
import { DISCORD_LIMITS } from '../src/shared/discord-limits.js';
import { optionalText, requireText } from '../src/shared/input.js';
import { markdownLink } from '../src/shared/markdown-link.js';
import { normalizeUrl } from '../src/shared/normalize-url.js';
import { pluralize } from '../src/shared/plural.js';
import { truncate } from '../src/shared/text.js';
import { UserError } from '../src/shared/user-error.js';
import {
  describeResourceFilter,
  duplicateResourceMessage,
  groupedResourceLines,
  RESOURCE_CATEGORY_LABELS,
} from '../src/sharing/format-resource.js';
import {
  createResource,
  deleteResource,
  findRemovableResources,
  findResource,
  findResourceByKey,
  listResources,
  type ResourceFilter,
} from '../src/sharing/resources-queries.js';
import { SHARING_LIMITS } from '../src/sharing/sharing-input.js';
import { respondWithItemChoices } from './options/item-option.js';
import { resolveOptionalItem } from './options/optional-item-option.js';
import { SHARING_RATE_LIMIT } from './options/rate-limits.js';
import { ownerOrModerator } from './preconditions/owner-or-moderator.js';

const COMMAND = 'resources';
const MAX_SEARCH_LENGTH = 100;
const CATEGORY_CHOICES = RESOURCE_CATEGORIES.map((category) => ({
  name: RESOURCE_CATEGORY_LABELS[category].choice,
  value: category,
}));

interface ResourcesState {
  filter: ResourceFilter;
  /** The chosen item's label, kept with the page so every page names the filter. */
  itemLabel?: string | undefined;
}

const resourcesView: PagedView<ResourcesState> = {
  command: COMMAND,
  async render(ctx, state, page) {
    const resources = await listResources(ctx.db, state.filter);
    const { category, search } = state.filter;
    const filterLine = describeResourceFilter(
      { category, search, itemLabel: state.itemLabel },
      resources.length,
    );
    const header = filterLine ? `${filterLine}\n` : '';
    const pages = chunkLines(groupedResourceLines(resources), PAGE_DESCRIPTION_LIMIT - header.length);
    const lines = pages[clampPage(page, pages.length)] ?? [];
    const empty = filterLine
      ? 'No resources match. Try another filter.'
      : 'The library is empty. Add the first resource with `/resources add`.';
    const embed = waymarkEmbed()
      .setTitle('Resource library')
      .setDescription(`${header}${resources.length === 0 ? empty : lines.join('\n')}`)
      .setFooter({ text: pluralize(resources.length, 'resource') });
    return { embed, pageCount: pages.length };
  },
};

/** Moderators may remove any resource, so autocomplete offers them every one. */
const RESOURCE_MODERATOR = PermissionFlagsBits.ManageMessages;

async function findChosenResource(ctx: AppContext, guildId: string, value: string): Promise<Resource> {
  const resourceId = Number(value);
  const resource = Number.isInteger(resourceId) ? await findResource(ctx.db, guildId, resourceId) : undefined;
  if (!resource) throw new UserError('I can’t find that resource. Pick one from the list.');
  return resource;
}

const addedByOrModerator = ownerOrModerator<{ resource: string }, string | null>({
  ownerOf: async (ctx, guildId, { resource }) => (await findChosenResource(ctx, guildId, resource)).user_id,
  moderator: RESOURCE_MODERATOR,
  refusal: () =>
    'Only the member who added this resource, or someone with the Manage Messages permission, can remove it.',
});

const RESOURCES_DEFINITION = {
  name: COMMAND,
  description: 'The server’s library of learning resources',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a course, book, article or other resource',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'url',
          description: 'Its link (http or https)',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'title',
          description: 'Its title',
          max_length: SHARING_LIMITS.title,
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'category',
          description: 'What kind of resource it is',
          choices: CATEGORY_CHOICES,
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'item',
          description: 'The roadmap item it helps with',
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'note',
          description: 'Why it is good, who it is for',
          max_length: SHARING_LIMITS.note,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'Browse the library, grouped by category',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'category',
          description: 'Only this category',
          choices: CATEGORY_CHOICES,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'item',
          description: 'Only resources for this roadmap item',
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'search',
          description: 'Words in the title, note or link',
          max_length: MAX_SEARCH_LENGTH,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove a resource you added (moderators: any resource)',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'resource',
          description: 'The resource',
          autocomplete: true,
          required: true,
        },
      ],
    },
  ],
} as const;
type Options = SubcommandOptions<typeof RESOURCES_DEFINITION>;

function memberOf(interaction: ChatInputCommandInteraction<'cached'>) {
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

async function addResource(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['add'],
) {
  const normalized = normalizeUrl(options.url);
  if (!normalized.ok) throw new UserError(normalized.reason);
  const title = requireText(options.title, 'The title', SHARING_LIMITS.title);
  const { category } = options;
  if (!RESOURCE_CATEGORIES.includes(category)) throw new UserError('Pick a category from the list.');
  const note = optionalText(options.note, 'The note', SHARING_LIMITS.note);
  const item = await resolveOptionalItem(ctx, memberOf(interaction), options.item);
  const existing = await findResourceByKey(ctx.db, interaction.guildId, normalized.key);
  if (existing) throw new UserError(duplicateResourceMessage(existing));
  const created = await createResource(
    ctx.db,
    {
      guild_id: interaction.guildId,
      user_id: interaction.user.id,
      url: normalized.url,
      title,
      category,
      item_id: item?.id ?? null,
      note,
      created_at: ctx.clock.now().toISOString(),
    },
    item?.roadmapId ?? null,
    ctx.config.defaultTimezone,
  );
  if (!created) {
    // Someone added the same link between our check and our insert.
    const winner = await findResourceByKey(ctx.db, interaction.guildId, normalized.key);
    throw new UserError(winner ? duplicateResourceMessage(winner) : 'That link was just added. Try again.');
  }
  await interaction.reply({
    content: `Added ${markdownLink(truncate(created.title, 120), created.url)} to ${RESOURCE_CATEGORY_LABELS[category].heading}. Thanks for sharing!`,
    flags: MessageFlags.Ephemeral,
  });
}

async function listLibrary(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  { category, search: searchInput, item: itemInput }: Options['list'],
) {
  const search = searchInput?.trim() || null;
  const item = await resolveOptionalItem(ctx, memberOf(interaction), itemInput);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const state: ResourcesState = {
    filter: {
      guildId: interaction.guildId,
      category: category ?? undefined,
      itemId: item?.id,
      search: search ?? undefined,
    },
    itemLabel: item?.label,
  };
  await replyWithPages(interaction, ctx, resourcesView, state, { ephemeral: true });
}

async function removeResource(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['remove'],
) {
  const resource = await findChosenResource(ctx, interaction.guildId, options.resource);
  await deleteResource(ctx.db, interaction.guildId, resource.id);
  await interaction.reply({
    content: `Removed ${markdownLink(truncate(resource.title, 120), resource.url)} from the library.`,
    flags: MessageFlags.Ephemeral,
  });
}

export const resourcesCommand = defineCommand(RESOURCES_DEFINITION, {
  rateLimit: SHARING_RATE_LIMIT,
  subcommands: {
    add: { execute: addResource },
    list: { execute: listLibrary },
    remove: { preconditions: [addedByOrModerator], execute: removeResource },
  },
  autocomplete: {
    item: (interaction, ctx) => respondWithItemChoices(interaction, ctx),
    async resource(interaction, ctx) {
      const resources = await findRemovableResources(
        ctx.db,
        {
          guildId: interaction.guildId,
          userId: interaction.user.id,
          moderator: interaction.memberPermissions.has(RESOURCE_MODERATOR),
        },
        String(interaction.options.getFocused()),
        DISCORD_LIMITS.autocompleteChoices,
      );
      await interaction.respond(
        resources.map((resource) => ({
          name: `${truncate(resource.title, 80)} · ${resource.category}`,
          value: String(resource.id),
        })),
      );
    },
  },
  buttons: { [PAGE_ACTION]: pageTurner(resourcesView) },
});
