import {
  ApplicationCommandOptionType,
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  escapeMarkdown,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { canSeeProfile, profileViewerOf } from '../src/core/profile-visibility.js';
import type { Roadmap } from '../src/db/schema.js';
import { defineCommand } from '../src/discord/command.js';
import type { SubcommandOptions, UserOptionValue } from '../src/discord/command-options.js';
import { PAGE_ACTION, pageTurner, replyWithPages } from '../src/discord/pagination.js';
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
import { visibleMember } from './preconditions/visible-member.js';

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
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'roadmap',
          description: 'The roadmap',
          required: true,
          autocomplete: true,
        },
      ],
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
  const outcome = await saveRoadmap(ctx.db, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    name,
    source: file.name,
    parsed,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
    mode: options.replace ? 'replace' : 'create',
  });
  await interaction.editReply({
    content: describeImport(outcome, parsed.items.length, parsed.phases.length),
  });
}

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
    content: describeImport(outcome, parsed.items.length, parsed.phases.length),
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

const ADMIN_SETUP = { permissions: PermissionFlagsBits.ManageGuild, rateLimit: ADMIN_SETUP_RATE_LIMIT };

export const roadmapCommand = defineCommand(definition, {
  subcommands: {
    template: { ...ADMIN_SETUP, execute: installTemplate },
    import: { ...ADMIN_SETUP, execute: importFile },
    list: { execute: listRoadmaps },
    follow: { execute: follow },
    view: { preconditions: [visibleMember], execute: view },
    export: { preconditions: [visibleMember], execute: exportProgress },
  },
  autocomplete: {
    async roadmap(interaction, ctx) {
      const roadmaps = await listRoadmapSummaries(ctx.db, interaction.guildId);
      await interaction.respond(
        namedChoices(
          roadmaps,
          interaction.options.getFocused(),
          (roadmap) =>
            `${roadmap.name}${roadmap.is_default === 1 ? ' (default)' : ''} · ${roadmap.item_count} items`,
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
  buttons: { [PAGE_ACTION]: pageTurner(roadmapPages) },
});
