import {
  type ChatInputCommandInteraction,
  type EmbedBuilder,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import {
  assertProfileVisible,
  findProfilesHiddenFrom,
  profileViewerOf,
  readShownMember,
} from '../src/core/profile-visibility.js';
import { PROJECT_STATUSES, type Project, type ProjectStatus } from '../src/db/schema.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { resolveDisplayNames } from '../src/discord/member-names.js';
import {
  chunkLines,
  clampPage,
  type PagedView,
  replyWithPages,
  turnPage,
} from '../src/discord/pagination.js';
import { resolveMentionNames } from '../src/discord/readable-mentions.js';
import {
  duplicateProjectMessage,
  PROJECT_STATUS_LABELS,
  PROJECT_TITLE_MAX,
  projectChoiceName,
  projectEmbed,
  projectLine,
} from '../src/discord/views/project-view.js';
import {
  optionalLink,
  optionalText,
  requireText,
  SHARING_LIMITS,
  SHARING_RATE_LIMIT,
} from '../src/shared/input.js';
import { UserError } from '../src/shared/user-error.js';
import {
  createProject,
  findProject,
  findProjectByTitle,
  findProjectsByTitle,
  listMemberProjects,
  listProjectReflections,
  type ProjectChanges,
  updateProject,
} from '../src/sharing/projects-queries.js';

const COMMAND = 'project';
const STATUS_CHOICES = PROJECT_STATUSES.map((status) => ({
  name: PROJECT_STATUS_LABELS[status],
  value: status,
}));

interface ProjectListState {
  guildId: string;
  userId: string;
}

const projectListView: PagedView<ProjectListState> = {
  command: COMMAND,
  async render(ctx, state, page) {
    const projects = await listMemberProjects(ctx.db, state.guildId, state.userId);
    const pages = chunkLines(projects.map(projectLine));
    const lines = pages[clampPage(page, pages.length)] ?? [];
    const heading = `<@${state.userId}>’s projects`;
    const body = projects.length === 0 ? 'No projects yet. Add one with `/project add`.' : lines.join('\n');
    const embed = waymarkEmbed().setTitle('Projects').setDescription(`${heading}\n\n${body}`);
    return { embed, pageCount: pages.length };
  },
};

/** The fields `add` and `update` share, read and validated the same way. */
function withDetailOptions(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return sub
    .addStringOption((option) =>
      option
        .setName('status')
        .setDescription('Where the project stands')
        .addChoices(...STATUS_CHOICES),
    )
    .addStringOption((option) =>
      option
        .setName('description')
        .setDescription('What it is and what it does')
        .setMaxLength(SHARING_LIMITS.description),
    )
    .addStringOption((option) =>
      option.setName('tech').setDescription('Technologies used').setMaxLength(SHARING_LIMITS.tech),
    )
    .addStringOption((option) => option.setName('repo').setDescription('Link to the code'))
    .addStringOption((option) => option.setName('demo').setDescription('Link to a live demo'));
}

function readDetails(interaction: ChatInputCommandInteraction<'cached'>) {
  const status = interaction.options.getString('status') as ProjectStatus | null;
  if (status !== null && !PROJECT_STATUSES.includes(status))
    throw new UserError('Pick a status from the list.');
  return {
    status,
    description: optionalText(
      interaction.options.getString('description'),
      'The description',
      SHARING_LIMITS.description,
    ),
    tech: optionalText(interaction.options.getString('tech'), 'The tech list', SHARING_LIMITS.tech),
    repo: optionalLink(interaction.options.getString('repo'), 'Repository link'),
    demo: optionalLink(interaction.options.getString('demo'), 'Demo link'),
  };
}

async function findChosenProject(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
): Promise<Project> {
  const projectId = Number(interaction.options.getString('project', true));
  const project = Number.isInteger(projectId)
    ? await findProject(ctx.db, interaction.guildId, projectId)
    : undefined;
  if (!project) throw new UserError('I can’t find that project. Pick one from the list.');
  return project;
}

/** The project's card with its reflections, and the mentions in its title as names. */
async function projectCard(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  project: Project,
): Promise<EmbedBuilder> {
  const [reflections, names] = await Promise.all([
    listProjectReflections(ctx.db, project.id),
    resolveMentionNames(interaction.guild, project.title, PROJECT_TITLE_MAX),
  ]);
  return projectEmbed(project, reflections, names);
}

async function addProject(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const title = requireText(interaction.options.getString('title', true), 'The title', SHARING_LIMITS.title);
  const details = readDetails(interaction);
  const member = { guildId: interaction.guildId, userId: interaction.user.id };
  const existing = await findProjectByTitle(ctx.db, member, title);
  if (existing) throw new UserError(duplicateProjectMessage(existing));
  const now = ctx.clock.now().toISOString();
  const project = await createProject(
    ctx.db,
    {
      guild_id: interaction.guildId,
      user_id: interaction.user.id,
      title,
      description: details.description,
      tech: details.tech,
      repo_url: details.repo,
      demo_url: details.demo,
      status: details.status ?? 'active',
      created_at: now,
      updated_at: now,
    },
    ctx.config.defaultTimezone,
  );
  if (!project) {
    // The same title was added between our check and our insert (a double submit).
    const winner = await findProjectByTitle(ctx.db, member, title);
    throw new UserError(winner ? duplicateProjectMessage(winner) : 'That project was just added. Try again.');
  }
  await interaction.reply({
    content: 'Project added. Add reflections as you go with `/project update`.',
    embeds: [await projectCard(interaction, ctx, project)],
    flags: MessageFlags.Ephemeral,
  });
}

async function changeProject(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const project = await findChosenProject(interaction, ctx);
  if (project.user_id !== interaction.user.id) {
    throw new UserError(`Only <@${project.user_id}> can update this project.`);
  }
  const details = readDetails(interaction);
  const changes: ProjectChanges = {
    status: details.status ?? undefined,
    description: details.description ?? undefined,
    tech: details.tech ?? undefined,
    repo_url: details.repo ?? undefined,
    demo_url: details.demo ?? undefined,
    reflection:
      optionalText(
        interaction.options.getString('reflection'),
        'The reflection',
        SHARING_LIMITS.reflection,
      ) ?? undefined,
  };
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new UserError('Tell me what changed: a status, a detail or a reflection.');
  }
  const updated = await updateProject(ctx.db, project, changes, ctx.clock.now(), ctx.config.defaultTimezone);
  await interaction.reply({
    content: changes.reflection ? 'Updated, and your reflection is added.' : 'Updated.',
    embeds: [await projectCard(interaction, ctx, updated)],
    flags: MessageFlags.Ephemeral,
  });
}

async function showProject(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const project = await findChosenProject(interaction, ctx);
  await assertProfileVisible(ctx.db, interaction.guildId, profileViewerOf(interaction), project.user_id);
  await interaction.reply({
    embeds: [await projectCard(interaction, ctx, project)],
    flags: MessageFlags.Ephemeral,
  });
}

async function listProjects(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const member = (await readShownMember(interaction, ctx)) ?? interaction.user;
  await replyWithPages(
    interaction,
    ctx,
    projectListView,
    { guildId: interaction.guildId, userId: member.id },
    { ephemeral: true },
  );
}

export const projectCommand = {
  data: new SlashCommandBuilder()
    .setName(COMMAND)
    .setDescription('Your personal projects: what you build while you learn')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      withDetailOptions(
        sub
          .setName('add')
          .setDescription('Add a project')
          .addStringOption((option) =>
            option
              .setName('title')
              .setDescription('Its name')
              .setMaxLength(SHARING_LIMITS.title)
              .setRequired(true),
          ),
      ),
    )
    .addSubcommand((sub) =>
      withDetailOptions(
        sub
          .setName('update')
          .setDescription('Update one of your projects or add a reflection')
          .addStringOption((option) =>
            option.setName('project').setDescription('Your project').setAutocomplete(true).setRequired(true),
          ),
      ).addStringOption((option) =>
        option
          .setName('reflection')
          .setDescription('A lesson learned; added with today’s date')
          .setMaxLength(SHARING_LIMITS.reflection),
      ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('list')
        .setDescription('A member’s projects')
        .addUserOption((option) =>
          option.setName('member').setDescription('Whose projects (you by default)'),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('show')
        .setDescription('A project with its details and reflections')
        .addStringOption((option) =>
          option.setName('project').setDescription('The project').setAutocomplete(true).setRequired(true),
        ),
    )
    .toJSON(),
  rateLimit: { '*': SHARING_RATE_LIMIT },
  async execute(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'add') return addProject(interaction, ctx);
    if (subcommand === 'update') return changeProject(interaction, ctx);
    if (subcommand === 'list') return listProjects(interaction, ctx);
    return showProject(interaction, ctx);
  },
  async autocomplete(interaction, ctx) {
    // Only the owner updates a project, so /project update offers the member's own.
    const ownOnly = interaction.options.getSubcommand() === 'update';
    const projects = await findProjectsByTitle(
      ctx.db,
      {
        guildId: interaction.guildId,
        userId: ownOnly ? interaction.user.id : undefined,
        preferUserId: interaction.user.id,
        excludeUserIds: ownOnly
          ? []
          : await findProfilesHiddenFrom(ctx.db, interaction.guildId, profileViewerOf(interaction)),
      },
      interaction.options.getFocused(),
      25,
    );
    const ownerNames = await resolveDisplayNames(
      ctx.client,
      interaction.guildId,
      projects.map((project) => project.user_id).filter((userId) => userId !== interaction.user.id),
    );
    await interaction.respond(
      projects.map((project) => ({
        name: projectChoiceName(
          project,
          project.user_id === interaction.user.id ? undefined : (ownerNames.get(project.user_id) ?? null),
        ),
        value: String(project.id),
      })),
    );
  },
  async handleComponent(interaction, ctx, id) {
    if (!interaction.isButton() || !(await turnPage(interaction, ctx, projectListView, id))) {
      throw new UserError('This button has expired. Run /project list again.');
    }
  },
} satisfies LegacySlashCommand;
