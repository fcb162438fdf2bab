import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { canSeeProfile, profileViewerOf } from '../src/core/profile-visibility.js';
import type { Roadmap } from '../src/db/schema.js';
import { type ButtonHandler, defineCommand } from '../src/discord/command.js';
import type { SubcommandOptions, UserOptionValue } from '../src/discord/command-options.js';
import { PAGE_ACTION, pageTurner, replyWithPages } from '../src/discord/pagination.js';
import { ADMIN_SETUP_RATE_LIMIT } from '../src/discord/rate-limiter.js';
import { describeImportPreview, IMPORT_PREVIEW_FILE } from '../src/roadmaps/describe-changes.js';
import { exportMemberRoadmap } from '../src/roadmaps/export-member-roadmap.js';
import { findFollowedRoadmap } from '../src/roadmaps/followed-roadmap.js';
import {
  checkRoadmapAttachment,
  describeImport,
  downloadAttachment,
  parseRoadmapFile,
  ROADMAP_NAME_MAX,
  roadmapNameFor,
  saveRoadmap,
} from '../src/roadmaps/import-roadmap.js';
import { namedChoices, resolveNamed } from '../src/roadmaps/named-choices.js';
import {
  applyPendingImport,
  discardPendingImport,
  IMPORT_NOT_PENDING,
  type ImportPreview,
  previewReimport,
} from '../src/roadmaps/pending-import.js';
import {
  type AdminChange,
  archiveRoadmap,
  deleteRoadmap,
  describeRoadmapDeletion,
  renameRoadmap,
  restoreRoadmap,
  setDefaultRoadmap,
} from '../src/roadmaps/roadmap-admin.js';
import { countChanges } from '../src/roadmaps/roadmap-diff.js';
import {
  findRoadmapById,
  followRoadmap,
  listActivePhases,
  listRoadmapSummaries,
  type RoadmapSummary,
} from '../src/roadmaps/roadmap-queries.js';
import { findRoadmapTemplate, ROADMAP_TEMPLATES } from '../src/roadmaps/templates/index.js';
import { normalizeText } from '../src/roadmaps/text.js';
import { escapeMarkdown } from '../src/shared/escape-markdown.js';
import { pluralize } from '../src/shared/plural.js';
import { UserError } from '../src/shared/user-error.js';
import {
  APPLY_IMPORT_ACTION,
  CANCEL_IMPORT_ACTION,
  IMPORT_PREVIEW_TTL_MS,
  importPreviewIds,
  readImportPreview,
} from './components/import-preview-confirmation.js';
import {
  CANCEL_DELETE_ACTION,
  CONFIRM_DELETE_ACTION,
  ROADMAP_DELETE_TTL_MS,
  readRoadmapDeleteConfirmation,
  roadmapDeleteIds,
} from './components/roadmap-delete-confirmation.js';
import { ROADMAP_COMMAND, roadmapPages } from './components/roadmap-pages.js';
import { NO_ROADMAP } from './options/item-option.js';
import { importPreviewOwner, importPreviewStillAllowed } from './preconditions/import-preview-allowed.js';
import { roadmapDeleteOwner, roadmapDeleteStillAllowed } from './preconditions/roadmap-delete-allowed.js';
import { visibleMember } from './preconditions/visible-member.js';

/** The roadmap a subcommand acts on, offered by name (which ones depends on the subcommand). */
const ROADMAP_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'roadmap',
  description: 'The roadmap',
  required: true,
  autocomplete: true,
} as const;

const definition = {
  name: ROADMAP_COMMAND,
  description: 'The server’s roadmaps and your progress on them',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'template',
      description: 'Install a bundled roadmap (Manage Server)',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          description: 'Which roadmap',
          required: true,
          choices: ROADMAP_TEMPLATES.map((template) => ({ name: template.title, value: template.name })),
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'import',
      description: 'Import a markdown checklist as a roadmap, or update one (Manage Server)',
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'A markdown file (.md) with - [ ] items, at most 1 MB',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          description: 'The roadmap’s name (default: the file name)',
          max_length: ROADMAP_NAME_MAX,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'replace',
          description: 'Update the roadmap of the same name, keeping everyone’s progress',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'The server’s roadmaps with item and follower counts',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'follow',
      description: 'Choose which roadmap you follow',
      options: [ROADMAP_OPTION],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'view',
      description: 'Progress per phase, or one phase’s items',
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: 'member',
          description: 'Whose progress (default: yours)',
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'phase',
          description: 'Show this phase’s items',
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'share',
          description: 'Post it for the channel to see',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'export',
      description: 'Download a roadmap with progress as a markdown file',
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: 'member',
          description: 'Whose progress (default: yours)',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'default',
      description: 'Make a roadmap the one members follow unless they choose another (Manage Server)',
      options: [ROADMAP_OPTION],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'rename',
      description: 'Rename a roadmap (Manage Server)',
      options: [
        ROADMAP_OPTION,
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          description: 'Its new name',
          required: true,
          max_length: ROADMAP_NAME_MAX,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'archive',
      description: 'Hide a roadmap from lists and follows, keeping everyone’s progress (Manage Server)',
      options: [ROADMAP_OPTION],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'restore',
      description: 'Bring back an archived roadmap (Manage Server)',
      options: [ROADMAP_OPTION],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'delete',
      description: 'Delete a roadmap and everyone’s progress on it, after a confirmation (Manage Server)',
      options: [ROADMAP_OPTION],
    },
  ],
} as const;

type Options = SubcommandOptions<typeof definition>;
type Interaction = ChatInputCommandInteraction<'cached'>;

interface Target {
  id: string;
  name: string;
  roadmap: Roadmap;
}

/** The member a view or export is about (the caller by default) and the roadmap they follow. */
async function resolveTarget(
  interaction: Interaction,
  ctx: AppContext,
  shown: UserOptionValue | null,
): Promise<Target> {
  const user = shown?.user ?? interaction.user;
  const member = shown?.member ?? (user.id === interaction.user.id ? interaction.member : null);
  const roadmap = await findFollowedRoadmap(ctx.db, interaction.guildId, user.id);
  if (!roadmap) throw new UserError(NO_ROADMAP);
  return { id: user.id, name: member?.displayName ?? user.displayName, roadmap };
}

async function importFile(interaction: Interaction, ctx: AppContext, options: Options['import']) {
  const { file } = options;
  checkRoadmapAttachment({ name: file.name, size: file.size, contentType: file.contentType });
  const name = roadmapNameFor(options.name, file.name);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const parsed = await parseRoadmapFile(await downloadAttachment(file.url));
  const input = {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    name,
    source: file.name,
    parsed,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
  };
  if (options.replace) {
    await interaction.editReply(
      importPreviewMessage(await previewReimport(ctx.db, input), interaction, ctx, file.name),
    );
    return;
  }
  const outcome = await saveRoadmap(ctx.db, { ...input, mode: 'create' });
  await interaction.editReply({
    content: describeImport(outcome),
  });
}

/** The dry run of a re-import with its Apply / Cancel buttons, the whole list attached when long. */
function importPreviewMessage(
  preview: ImportPreview,
  interaction: Interaction,
  ctx: AppContext,
  fileName: string,
) {
  const ids = importPreviewIds({
    ownerId: interaction.user.id,
    subject: preview.pendingId,
    issuedAt: ctx.clock.now(),
  });
  const text = describeImportPreview(
    preview.diff,
    countChanges(preview.diff),
    { roadmap: preview.roadmap.name, file: fileName },
    `Nothing changes until you press **Apply**; the buttons work for ${IMPORT_PREVIEW_TTL_MS / 60_000} minutes.`,
  );
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(ids.apply).setLabel('Apply').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(ids.cancel).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  return {
    content: text.content,
    components: [buttons],
    files:
      text.file === null
        ? []
        : [new AttachmentBuilder(Buffer.from(text.file, 'utf8'), { name: IMPORT_PREVIEW_FILE })],
  };
}

/** Applies the previewed import the button names, once; the preconditions checked who and when. */
const applyImport: ButtonHandler = async (interaction, ctx, id) => {
  const { subject } = readImportPreview(id);
  const outcome = await applyPendingImport(ctx.db, {
    guildId: interaction.guildId,
    pendingId: subject,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
  });
  await interaction.update({
    content: describeImport(outcome),
    components: [],
    attachments: [],
  });
};

const cancelImport: ButtonHandler = async (interaction, ctx, id) => {
  // A Cancel that lost the race to Apply must not say that nothing changed.
  if (!(await discardPendingImport(ctx.db, interaction.guildId, readImportPreview(id).subject))) {
    throw new UserError(IMPORT_NOT_PENDING);
  }
  await interaction.update({ content: 'Cancelled. Nothing was changed.', components: [], attachments: [] });
};

async function installTemplate(interaction: Interaction, ctx: AppContext, options: Options['template']) {
  const template = findRoadmapTemplate(options.name);
  if (!template) throw new UserError('There is no bundled roadmap by that name.');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const parsed = await parseRoadmapFile(await template.load());
  // Installing a template again refreshes it from the bundled copy, keeping everyone's progress.
  const outcome = await saveRoadmap(ctx.db, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    name: template.name,
    source: `template:${template.name}`,
    parsed,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
    mode: 'refresh',
  });
  await interaction.editReply({
    content: describeImport(outcome),
  });
}

async function listRoadmaps(interaction: Interaction, ctx: AppContext) {
  await replyWithPages(
    interaction,
    ctx,
    roadmapPages,
    { kind: 'list', guildId: interaction.guildId, userId: interaction.user.id },
    { ephemeral: true },
  );
}

async function follow(interaction: Interaction, ctx: AppContext, options: Options['follow']) {
  const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId);
  if (roadmaps.length === 0) throw new UserError(NO_ROADMAP);
  const roadmap = resolveNamed(roadmaps, options.roadmap);
  if (!roadmap)
    throw new UserError('No roadmap by that name on this server. Pick one from the list (`/roadmap list`).');
  await followRoadmap(ctx.db, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    roadmapId: roadmap.id,
    at: ctx.clock.now(),
  });
  await interaction.reply({
    content: `You now follow **${escapeMarkdown(roadmap.name)}**. \`/check\` and \`/roadmap view\` use it from now on.`,
    flags: MessageFlags.Ephemeral,
  });
}

async function view(interaction: Interaction, ctx: AppContext, options: Options['view']) {
  const share = options.share ?? false;
  const target = await resolveTarget(interaction, ctx, options.member);
  let phaseId: number | null = null;
  if (options.phase !== null) {
    const phases = await listActivePhases(ctx.db, target.roadmap.id);
    const phase = resolveNamed(
      phases.map((row) => ({ id: row.id, name: row.title })),
      options.phase,
    );
    if (!phase)
      throw new UserError(
        `No phase of ${escapeMarkdown(target.roadmap.name)} matches “${escapeMarkdown(options.phase)}”. Pick one from the list.`,
      );
    phaseId = phase.id;
  }
  await interaction.deferReply(share ? {} : { flags: MessageFlags.Ephemeral });
  await replyWithPages(
    interaction,
    ctx,
    roadmapPages,
    {
      kind: 'progress',
      guildId: interaction.guildId,
      roadmapId: target.roadmap.id,
      memberId: target.id,
      memberName: target.name,
      phaseId,
    },
    { ephemeral: !share },
  );
}

async function exportProgress(interaction: Interaction, ctx: AppContext, options: Options['export']) {
  const target = await resolveTarget(interaction, ctx, options.member);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const file = await exportMemberRoadmap(ctx.db, target.roadmap, target.id);
  await interaction.editReply({
    content: `**${escapeMarkdown(target.roadmap.name)}** with ${escapeMarkdown(target.name)}’s progress.`,
    files: [new AttachmentBuilder(Buffer.from(file.markdown, 'utf8'), { name: file.fileName })],
  });
}

function changeOf(interaction: Interaction, ctx: AppContext, roadmap: Roadmap): AdminChange {
  return {
    guildId: interaction.guildId,
    roadmapId: roadmap.id,
    userId: interaction.user.id,
    at: ctx.clock.now(),
  };
}

const bold = (roadmap: Pick<Roadmap, 'name'>) => `**${escapeMarkdown(roadmap.name)}**`;

/** The roadmap an admin command names, archived ones included; an unknown name lists the real ones. */
async function adminRoadmap(
  interaction: Interaction,
  ctx: AppContext,
  input: string,
): Promise<RoadmapSummary> {
  const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId, { includeArchived: true });
  if (roadmaps.length === 0) throw new UserError(NO_ROADMAP);
  const roadmap = resolveNamed(roadmaps, input);
  if (!roadmap) {
    throw new UserError(
      `No roadmap of this server is named “${escapeMarkdown(input)}”. Its roadmaps: ${roadmaps.map(bold).join(', ')}.`,
    );
  }
  return roadmap;
}

function refuseIfDefault(roadmap: Roadmap, doing: 'archived' | 'deleted'): void {
  if (roadmap.is_default === 1) {
    throw new UserError(
      `${bold(roadmap)} is the server’s default roadmap, so it cannot be ${doing}. Make another roadmap the default with \`/roadmap default\` first.`,
    );
  }
}

async function replyPrivately(interaction: Interaction, content: string) {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral });
}

async function makeDefault(interaction: Interaction, ctx: AppContext, options: Options['default']) {
  const roadmap = await adminRoadmap(interaction, ctx, options.roadmap);
  if (roadmap.archived_at !== null) {
    throw new UserError(`${bold(roadmap)} is archived. Bring it back with \`/roadmap restore\` first.`);
  }
  if (roadmap.is_default === 1) {
    await replyPrivately(interaction, `${bold(roadmap)} is already the server’s default roadmap.`);
    return;
  }
  await setDefaultRoadmap(ctx.db, changeOf(interaction, ctx, roadmap));
  await replyPrivately(
    interaction,
    `${bold(roadmap)} is now the server’s default roadmap: members who have not chosen one with \`/roadmap follow\` follow it. Everyone keeps their progress on every roadmap.`,
  );
}

async function rename(interaction: Interaction, ctx: AppContext, options: Options['rename']) {
  const roadmap = await adminRoadmap(interaction, ctx, options.roadmap);
  const name = options.name.trim();
  if (name === '') throw new UserError('Give the roadmap a new name.');
  const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId, { includeArchived: true });
  // Names that differ only in case or accents would make `roadmap:` options ambiguous.
  const taken = roadmaps.find(
    (other) => other.id !== roadmap.id && normalizeText(other.name) === normalizeText(name),
  );
  if (taken) {
    throw new UserError(`This server already has a roadmap named ${bold(taken)}. Pick another name.`);
  }
  const renamed = await renameRoadmap(ctx.db, { ...changeOf(interaction, ctx, roadmap), name });
  await replyPrivately(interaction, `Renamed ${bold(roadmap)} to ${bold(renamed)}.`);
}

async function archive(interaction: Interaction, ctx: AppContext, options: Options['archive']) {
  const roadmap = await adminRoadmap(interaction, ctx, options.roadmap);
  if (roadmap.archived_at !== null) throw new UserError(`${bold(roadmap)} is already archived.`);
  refuseIfDefault(roadmap, 'archived');
  await archiveRoadmap(ctx.db, changeOf(interaction, ctx, roadmap));
  await replyPrivately(
    interaction,
    `Archived ${bold(roadmap)}: it is hidden from \`/roadmap list\`, \`/roadmap follow\` and the roadmap choices. Members who followed it follow the server’s default meanwhile; everyone keeps their progress. \`/roadmap restore\` brings it back.`,
  );
}

async function restore(interaction: Interaction, ctx: AppContext, options: Options['restore']) {
  const roadmap = await adminRoadmap(interaction, ctx, options.roadmap);
  if (roadmap.archived_at === null) throw new UserError(`${bold(roadmap)} is not archived.`);
  await restoreRoadmap(ctx.db, changeOf(interaction, ctx, roadmap));
  await replyPrivately(
    interaction,
    `Restored ${bold(roadmap)}: members who followed it follow it again, with their progress as it was.`,
  );
}

async function askToDelete(interaction: Interaction, ctx: AppContext, options: Options['delete']) {
  const roadmap = await adminRoadmap(interaction, ctx, options.roadmap);
  refuseIfDefault(roadmap, 'deleted');
  const impact = await describeRoadmapDeletion(ctx.db, roadmap.id);
  const ids = roadmapDeleteIds({
    ownerId: interaction.user.id,
    roadmapId: roadmap.id,
    issuedAt: ctx.clock.now(),
  });
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(ids.confirm).setLabel('Delete roadmap').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(ids.cancel).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  await interaction.reply({
    content: [
      `Delete ${bold(roadmap)} (${pluralize(roadmap.item_count, 'item')})? This cannot be undone; \`/roadmap archive\` hides it and keeps everything instead.`,
      `- ${pluralize(impact.followers, 'member follows', 'members follow')} it and would follow the server’s default.`,
      `- ${pluralize(impact.membersWithProgress, 'member loses', 'members lose')} their progress on it.`,
      `- ${pluralize(impact.learnings, 'learning is', 'learnings are')} tied to its items; they stay, without the item.`,
      `The buttons work for ${pluralize(ROADMAP_DELETE_TTL_MS / 60_000, 'minute')}.`,
    ].join('\n'),
    components: [buttons],
    flags: MessageFlags.Ephemeral,
  });
}

/** Deletes once the preconditions have checked the press; the roadmap is read again, as it is now. */
const confirmDelete: ButtonHandler = async (interaction, ctx, id) => {
  const { roadmapId } = readRoadmapDeleteConfirmation(id);
  const roadmap = await findRoadmapById(ctx.db, interaction.guildId, roadmapId);
  if (!roadmap) throw new UserError('That roadmap was already deleted.');
  refuseIfDefault(roadmap, 'deleted');
  const deleted = await deleteRoadmap(ctx.db, {
    guildId: interaction.guildId,
    roadmapId,
    userId: interaction.user.id,
    at: ctx.clock.now(),
  });
  if (!deleted) throw new UserError('That roadmap was already deleted.');
  ctx.logger.info({ guildId: interaction.guildId, roadmapId, by: interaction.user.id }, 'roadmap deleted');
  await interaction.update({
    content: `Deleted ${bold(deleted)}. Its followers follow the server’s default now.`,
    components: [],
  });
};

/** Which roadmaps each subcommand's `roadmap` option offers: archived ones only where they can be acted on. */
const ROADMAPS_OFFERED: Partial<Record<string, 'active' | 'archived' | 'all'>> = {
  restore: 'archived',
  rename: 'all',
  delete: 'all',
};

const ADMIN_SETUP = { permissions: PermissionFlagsBits.ManageGuild, rateLimit: ADMIN_SETUP_RATE_LIMIT };

export const roadmapCommand = defineCommand(definition, {
  subcommands: {
    template: { ...ADMIN_SETUP, execute: installTemplate },
    import: { ...ADMIN_SETUP, execute: importFile },
    list: { execute: listRoadmaps },
    follow: { execute: follow },
    view: { preconditions: [visibleMember], execute: view },
    export: { preconditions: [visibleMember], execute: exportProgress },
    default: { ...ADMIN_SETUP, execute: makeDefault },
    rename: { ...ADMIN_SETUP, execute: rename },
    archive: { ...ADMIN_SETUP, execute: archive },
    restore: { ...ADMIN_SETUP, execute: restore },
    delete: { ...ADMIN_SETUP, execute: askToDelete },
  },
  autocomplete: {
    async roadmap(interaction, ctx) {
      const offered = ROADMAPS_OFFERED[interaction.options.getSubcommand()] ?? 'active';
      const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId, {
        includeArchived: offered !== 'active',
      });
      await interaction.respond(
        namedChoices(
          roadmaps.filter((roadmap) => offered !== 'archived' || roadmap.archived_at !== null),
          interaction.options.getFocused(),
          (roadmap) =>
            `${roadmap.name}${roadmap.is_default === 1 ? ' (default)' : ''}${roadmap.archived_at === null ? '' : ' (archived)'} · ${pluralize(roadmap.item_count, 'item')}`,
        ),
      );
    },
    async phase(interaction, ctx) {
      const memberOption = interaction.options.get('member')?.value;
      const userId = typeof memberOption === 'string' ? memberOption : interaction.user.id;
      // Which roadmap a member follows is part of their progress: a hidden profile offers no phases.
      const visible = await canSeeProfile(ctx.db, interaction.guildId, profileViewerOf(interaction), userId);
      const roadmap = visible ? await findFollowedRoadmap(ctx.db, interaction.guildId, userId) : undefined;
      const phases = roadmap ? await listActivePhases(ctx.db, roadmap.id) : [];
      await interaction.respond(
        namedChoices(
          phases.map((phase) => ({ id: phase.id, name: phase.title })),
          interaction.options.getFocused(),
        ),
      );
    },
  },
  buttons: {
    [PAGE_ACTION]: pageTurner(roadmapPages),
    [CONFIRM_DELETE_ACTION]: {
      preconditions: [roadmapDeleteOwner, roadmapDeleteStillAllowed],
      press: confirmDelete,
    },
    [APPLY_IMPORT_ACTION]: {
      preconditions: [importPreviewOwner, importPreviewStillAllowed],
      press: applyImport,
    },
    [CANCEL_IMPORT_ACTION]: { preconditions: [importPreviewOwner], press: cancelImport },
    [CANCEL_DELETE_ACTION]: {
      preconditions: [roadmapDeleteOwner],
      async press(interaction) {
        await interaction.update({ content: 'Cancelled. Nothing was deleted.', components: [] });
      },
    },
  },
});
