import {
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  escapeMarkdown,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { canSeeProfile, profileViewerOf, readShownMember } from '../src/core/profile-visibility.js';
import type { Roadmap } from '../src/db/schema.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { replyWithPages, turnPage } from '../src/discord/pagination.js';
import { ADMIN_SETUP_RATE_LIMIT } from '../src/discord/rate-limiter.js';
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
import { followRoadmap, listActivePhases, listRoadmapSummaries } from '../src/roadmaps/roadmap-queries.js';
import { findRoadmapTemplate, ROADMAP_TEMPLATES } from '../src/roadmaps/templates/index.js';
import { UserError } from '../src/shared/user-error.js';
import { ROADMAP_COMMAND, roadmapPages } from './components/roadmap-pages.js';
import { NO_ROADMAP } from './options/item-option.js';

const data = new SlashCommandBuilder()
  .setName(ROADMAP_COMMAND)
  .setDescription('The server’s roadmaps and your progress on them')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('template')
      .setDescription('Install a bundled roadmap (Manage Server)')
      .addStringOption((option) =>
        option
          .setName('name')
          .setDescription('Which roadmap')
          .setRequired(true)
          .addChoices(ROADMAP_TEMPLATES.map((template) => ({ name: template.title, value: template.name }))),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('import')
      .setDescription('Import a markdown checklist as a roadmap, or update one (Manage Server)')
      .addAttachmentOption((option) =>
        option
          .setName('file')
          .setDescription('A markdown file (.md) with - [ ] items, at most 1 MB')
          .setRequired(true),
      )
      .addStringOption((option) =>
        option
          .setName('name')
          .setDescription('The roadmap’s name (default: the file name)')
          .setMaxLength(ROADMAP_NAME_MAX),
      )
      .addBooleanOption((option) =>
        option
          .setName('replace')
          .setDescription('Update the roadmap of the same name, keeping everyone’s progress'),
      ),
  )
  .addSubcommand((sub) =>
    sub.setName('list').setDescription('The server’s roadmaps with item and follower counts'),
  )
  .addSubcommand((sub) =>
    sub
      .setName('follow')
      .setDescription('Choose which roadmap you follow')
      .addStringOption((option) =>
        option.setName('roadmap').setDescription('The roadmap').setRequired(true).setAutocomplete(true),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('view')
      .setDescription('Progress per phase, or one phase’s items')
      .addUserOption((option) => option.setName('member').setDescription('Whose progress (default: yours)'))
      .addStringOption((option) =>
        option.setName('phase').setDescription('Show this phase’s items').setAutocomplete(true),
      )
      .addBooleanOption((option) => option.setName('share').setDescription('Post it for the channel to see')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('export')
      .setDescription('Download a roadmap with progress as a markdown file')
      .addUserOption((option) => option.setName('member').setDescription('Whose progress (default: yours)')),
  )
  .toJSON();

interface Target {
  id: string;
  name: string;
  roadmap: Roadmap;
}

/** The member a view or export is about (the caller by default) and the roadmap they follow. */
async function resolveTarget(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: { inChannel?: boolean } = {},
): Promise<Target> {
  const user = (await readShownMember(interaction, ctx, options)) ?? interaction.user;
  const member =
    interaction.options.getMember('member') ?? (user.id === interaction.user.id ? interaction.member : null);
  const roadmap = await findFollowedRoadmap(ctx.db, interaction.guildId, user.id);
  if (!roadmap) throw new UserError(NO_ROADMAP);
  return { id: user.id, name: member?.displayName ?? user.displayName, roadmap };
}

async function importFile(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
): Promise<void> {
  const file = interaction.options.getAttachment('file', true);
  checkRoadmapAttachment({ name: file.name, size: file.size, contentType: file.contentType });
  const name = roadmapNameFor(interaction.options.getString('name'), file.name);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const parsed = await parseRoadmapFile(await downloadAttachment(file.url));
  const outcome = await saveRoadmap(ctx.db, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    name,
    source: file.name,
    parsed,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
    replace: interaction.options.getBoolean('replace') ?? false,
  });
  await interaction.editReply({
    content: describeImport(outcome, parsed.items.length, parsed.phases.length),
  });
}

async function installTemplate(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
): Promise<void> {
  const template = findRoadmapTemplate(interaction.options.getString('name', true));
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
    replace: true,
  });
  await interaction.editReply({
    content: describeImport(outcome, parsed.items.length, parsed.phases.length),
  });
}

async function follow(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext): Promise<void> {
  const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId);
  if (roadmaps.length === 0) throw new UserError(NO_ROADMAP);
  const roadmap = resolveNamed(roadmaps, interaction.options.getString('roadmap', true));
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

async function view(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext): Promise<void> {
  const share = interaction.options.getBoolean('share') ?? false;
  const target = await resolveTarget(interaction, ctx, { inChannel: share });
  const phaseInput = interaction.options.getString('phase');
  let phaseId: number | null = null;
  if (phaseInput !== null) {
    const phases = await listActivePhases(ctx.db, target.roadmap.id);
    const phase = resolveNamed(
      phases.map((row) => ({ id: row.id, name: row.title })),
      phaseInput,
    );
    if (!phase)
      throw new UserError(
        `No phase of ${escapeMarkdown(target.roadmap.name)} matches “${escapeMarkdown(phaseInput)}”. Pick one from the list.`,
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

async function exportProgress(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
): Promise<void> {
  const target = await resolveTarget(interaction, ctx);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const file = await exportMemberRoadmap(ctx.db, target.roadmap, target.id);
  await interaction.editReply({
    content: `**${escapeMarkdown(target.roadmap.name)}** with ${escapeMarkdown(target.name)}’s progress.`,
    files: [new AttachmentBuilder(Buffer.from(file.markdown, 'utf8'), { name: file.fileName })],
  });
}

export const roadmapCommand = {
  data,
  permissions: { template: PermissionFlagsBits.ManageGuild, import: PermissionFlagsBits.ManageGuild },
  rateLimit: { template: ADMIN_SETUP_RATE_LIMIT, import: ADMIN_SETUP_RATE_LIMIT },
  async execute(interaction, ctx) {
    switch (interaction.options.getSubcommand(true)) {
      case 'template':
        return installTemplate(interaction, ctx);
      case 'import':
        return importFile(interaction, ctx);
      case 'list':
        return replyWithPages(
          interaction,
          ctx,
          roadmapPages,
          { kind: 'list', guildId: interaction.guildId, userId: interaction.user.id },
          { ephemeral: true },
        );
      case 'follow':
        return follow(interaction, ctx);
      case 'view':
        return view(interaction, ctx);
      case 'export':
        return exportProgress(interaction, ctx);
      default:
        throw new UserError('That subcommand is no longer available.');
    }
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'roadmap') {
      const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId);
      await interaction.respond(
        namedChoices(
          roadmaps,
          focused.value,
          (roadmap) =>
            `${roadmap.name}${roadmap.is_default === 1 ? ' (default)' : ''} · ${roadmap.item_count} items`,
        ),
      );
      return;
    }
    if (focused.name === 'phase') {
      const memberOption = interaction.options.get('member')?.value;
      const userId = typeof memberOption === 'string' ? memberOption : interaction.user.id;
      // Which roadmap a member follows is part of their progress: a hidden profile offers no phases.
      const visible = await canSeeProfile(ctx.db, interaction.guildId, profileViewerOf(interaction), userId);
      const roadmap = visible ? await findFollowedRoadmap(ctx.db, interaction.guildId, userId) : undefined;
      const phases = roadmap ? await listActivePhases(ctx.db, roadmap.id) : [];
      await interaction.respond(
        namedChoices(
          phases.map((phase) => ({ id: phase.id, name: phase.title })),
          focused.value,
        ),
      );
      return;
    }
    await interaction.respond([]);
  },
  async handleComponent(interaction, ctx, id) {
    if (interaction.isButton() && (await turnPage(interaction, ctx, roadmapPages, id))) return;
    throw new UserError('This button has expired. Run the command again.');
  },
} satisfies LegacySlashCommand;
