import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type PermissionsBitField,
  SlashCommandBuilder,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../src/db/schema.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import {
  chunkLines,
  clampPage,
  PAGE_DESCRIPTION_LIMIT,
  type PagedView,
  replyWithPages,
  turnPage,
} from '../src/discord/pagination.js';
import { optionalText, requireText, SHARING_LIMITS, SHARING_RATE_LIMIT } from '../src/shared/input.js';
import { markdownLink } from '../src/shared/markdown-link.js';
import { normalizeUrl } from '../src/shared/normalize-url.js';
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
import { respondWithItemChoices } from './options/item-option.js';
import { readOptionalItem } from './options/optional-item-option.js';

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
      .setFooter({ text: `${resources.length} resource${resources.length === 1 ? '' : 's'}` });
    return { embed, pageCount: pages.length };
  },
};

function canModerate(interaction: { memberPermissions: Readonly<PermissionsBitField> }): boolean {
  return interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages);
}

async function addResource(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const normalized = normalizeUrl(interaction.options.getString('url', true));
  if (!normalized.ok) throw new UserError(normalized.reason);
  const title = requireText(interaction.options.getString('title', true), 'The title', SHARING_LIMITS.title);
  const category = interaction.options.getString('category', true) as ResourceCategory;
  if (!RESOURCE_CATEGORIES.includes(category)) throw new UserError('Pick a category from the list.');
  const note = optionalText(interaction.options.getString('note'), 'The note', SHARING_LIMITS.note);
  const item = await readOptionalItem(interaction, ctx);
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

async function listLibrary(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const category = interaction.options.getString('category') as ResourceCategory | null;
  const search = interaction.options.getString('search')?.trim() || null;
  const item = await readOptionalItem(interaction, ctx);
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

async function removeResource(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const resourceId = Number(interaction.options.getString('resource', true));
  const resource = Number.isInteger(resourceId)
    ? await findResource(ctx.db, interaction.guildId, resourceId)
    : undefined;
  if (!resource) throw new UserError('I can’t find that resource. Pick one from the list.');
  if (resource.user_id !== interaction.user.id && !canModerate(interaction)) {
    throw new UserError(
      'Only the member who added this resource, or someone with the Manage Messages permission, can remove it.',
    );
  }
  await deleteResource(ctx.db, interaction.guildId, resource.id);
  await interaction.reply({
    content: `Removed ${markdownLink(truncate(resource.title, 120), resource.url)} from the library.`,
    flags: MessageFlags.Ephemeral,
  });
}

export const resourcesCommand = {
  data: new SlashCommandBuilder()
    .setName(COMMAND)
    .setDescription('The server’s library of learning resources')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add a course, book, article or other resource')
        .addStringOption((option) =>
          option.setName('url').setDescription('Its link (http or https)').setRequired(true),
        )
        .addStringOption((option) =>
          option
            .setName('title')
            .setDescription('Its title')
            .setMaxLength(SHARING_LIMITS.title)
            .setRequired(true),
        )
        .addStringOption((option) =>
          option
            .setName('category')
            .setDescription('What kind of resource it is')
            .addChoices(...CATEGORY_CHOICES)
            .setRequired(true),
        )
        .addStringOption((option) =>
          option.setName('item').setDescription('The roadmap item it helps with').setAutocomplete(true),
        )
        .addStringOption((option) =>
          option
            .setName('note')
            .setDescription('Why it is good, who it is for')
            .setMaxLength(SHARING_LIMITS.note),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('list')
        .setDescription('Browse the library, grouped by category')
        .addStringOption((option) =>
          option
            .setName('category')
            .setDescription('Only this category')
            .addChoices(...CATEGORY_CHOICES),
        )
        .addStringOption((option) =>
          option.setName('item').setDescription('Only resources for this roadmap item').setAutocomplete(true),
        )
        .addStringOption((option) =>
          option
            .setName('search')
            .setDescription('Words in the title, note or link')
            .setMaxLength(MAX_SEARCH_LENGTH),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Remove a resource you added (moderators: any resource)')
        .addStringOption((option) =>
          option.setName('resource').setDescription('The resource').setAutocomplete(true).setRequired(true),
        ),
    )
    .toJSON(),
  rateLimit: { '*': SHARING_RATE_LIMIT },
  async execute(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'add') return addResource(interaction, ctx);
    if (subcommand === 'list') return listLibrary(interaction, ctx);
    return removeResource(interaction, ctx);
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'item') return respondWithItemChoices(interaction, ctx);
    const resources = await findRemovableResources(
      ctx.db,
      { guildId: interaction.guildId, userId: interaction.user.id, moderator: canModerate(interaction) },
      focused.value,
      25,
    );
    await interaction.respond(
      resources.map((resource) => ({
        name: `${truncate(resource.title, 80)} · ${resource.category}`,
        value: String(resource.id),
      })),
    );
  },
  async handleComponent(interaction, ctx, id) {
    if (!interaction.isButton() || !(await turnPage(interaction, ctx, resourcesView, id))) {
      throw new UserError('This button has expired. Run /resources list again.');
    }
  },
} satisfies LegacySlashCommand;
