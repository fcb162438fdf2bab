import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type EmbedBuilder,
  InteractionContextType,
  MessageFlags,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import {
  assertProfileVisible,
  findProfilesHiddenFrom,
  profileViewerOf,
} from '../src/core/profile-visibility.js';
import { PROJECT_STATUSES, type Project } from '../src/db/schema.js';
import { defineCommand } from '../src/discord/command.js';
import type { SubcommandOptions } from '../src/discord/command-options.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { resolveDisplayNames } from '../src/discord/member-names.js';
import {
  chunkLines,
  clampPage,
  PAGE_ACTION,
  type PagedView,
  pageTurner,
  replyWithPages,
} from '../src/discord/pagination.js';
import { resolveMentionNames } from '../src/discord/readable-mentions.js';
import {
  duplicateProjectMessage,
  PROJECT_STATUS_LABELS,
  projectChoiceName,
  projectEmbed,
  projectLine,
} from '../src/discord/views/project-view.js';
import { DISCORD_LIMITS } from '../src/shared/discord-limits.js';
import { optionalLink, optionalText, requireText } from '../src/shared/input.js';
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
import { SHARING_LIMITS } from '../src/sharing/sharing-input.js';
import { checkShownMember, memberOptionUser } from './options/member-option.js';
import { SHARING_RATE_LIMIT } from './options/rate-limits.js';
import { ownerOrModerator } from './preconditions/owner-or-moderator.js';

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
const DETAIL_OPTIONS = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'status',
    description: 'Where the project stands',
    choices: STATUS_CHOICES,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'description',
    description: 'What it is and what it does',
    max_length: SHARING_LIMITS.description,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'tech',
    description: 'Technologies used',
    max_length: SHARING_LIMITS.tech,
  },
  { type: ApplicationCommandOptionType.String, name: 'repo', description: 'Link to the code' },
  { type: ApplicationCommandOptionType.String, name: 'demo', description: 'Link to a live demo' },
] as const;

const PROJECT_DEFINITION = {
  name: COMMAND,
  description: 'Your personal projects: what you build while you learn',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a project',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'title',
          description: 'Its name',
          max_length: SHARING_LIMITS.title,
          required: true,
        },
        ...DETAIL_OPTIONS,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'update',
      description: 'Update one of your projects or add a reflection',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'project',
          description: 'Your project',
          autocomplete: true,
          required: true,
        },
        ...DETAIL_OPTIONS,
        {
          type: ApplicationCommandOptionType.String,
          name: 'reflection',
          description: 'A lesson learned; added with today’s date',
          max_length: SHARING_LIMITS.reflection,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'A member’s projects',
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: 'member',
          description: 'Whose projects (you by default)',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'A project with its details and reflections',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'project',
          description: 'The project',
          autocomplete: true,
          required: true,
        },
      ],
    },
  ],
} as const;

type Options = SubcommandOptions<typeof PROJECT_DEFINITION>;

function readDetails(options: Options['add'] | Options['update']) {
  const { status } = options;
  if (status !== null && !PROJECT_STATUSES.includes(status))
    throw new UserError('Pick a status from the list.');
  return {
    status,
    description: optionalText(options.description, 'The description', SHARING_LIMITS.description),
    tech: optionalText(options.tech, 'The tech list', SHARING_LIMITS.tech),
    repo: optionalLink(options.repo, 'Repository link'),
    demo: optionalLink(options.demo, 'Demo link'),
  };
}

async function findChosenProject(ctx: AppContext, guildId: string, value: string): Promise<Project> {
  const projectId = Number(value);
  const project = Number.isInteger(projectId) ? await findProject(ctx.db, guildId, projectId) : undefined;
  if (!project) throw new UserError('I can’t find that project. Pick one from the list.');
  return project;
}

/** A project's details and reflections are its owner's own account: no moderator edits them. */
const projectOwner = ownerOrModerator<{ project: string }>({
  ownerOf: async (ctx, guildId, { project }) => (await findChosenProject(ctx, guildId, project)).user_id,
  refusal: (ownerId) => `Only <@${ownerId}> can update this project.`,
});

/** The project's card with its reflections, and the mentions in its title as names. */
async function projectCard(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  project: Project,
): Promise<EmbedBuilder> {
  const [reflections, names] = await Promise.all([
    listProjectReflections(ctx.db, project.id),
    resolveMentionNames(interaction.guild, project.title, DISCORD_LIMITS.embedTitle),
  ]);
  return projectEmbed(project, reflections, names);
}

async function addProject(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['add'],
) {
  const title = requireText(options.title, 'The title', SHARING_LIMITS.title);
  const details = readDetails(options);
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

async function changeProject(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['update'],
) {
  const project = await findChosenProject(ctx, interaction.guildId, options.project);
  const details = readDetails(options);
  const changes: ProjectChanges = {
    status: details.status ?? undefined,
    description: details.description ?? undefined,
    tech: details.tech ?? undefined,
    repo_url: details.repo ?? undefined,
    demo_url: details.demo ?? undefined,
    reflection: optionalText(options.reflection, 'The reflection', SHARING_LIMITS.reflection) ?? undefined,
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

async function showProject(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['show'],
) {
  const project = await findChosenProject(ctx, interaction.guildId, options.project);
  await assertProfileVisible(ctx.db, interaction.guildId, profileViewerOf(interaction), project.user_id);
  await interaction.reply({
    embeds: [await projectCard(interaction, ctx, project)],
    flags: MessageFlags.Ephemeral,
  });
}

async function listProjects(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  options: Options['list'],
) {
  const member =
    (await checkShownMember(interaction, ctx, memberOptionUser(options.member))) ?? interaction.user;
  await replyWithPages(
    interaction,
    ctx,
    projectListView,
    { guildId: interaction.guildId, userId: member.id },
    { ephemeral: true },
  );
}

/**
 * The `project` option of `update` and `show`. Only the owner updates a project, so
 * /project update offers the member's own.
 */
async function respondWithProjectChoices(interaction: AutocompleteInteraction<'cached'>, ctx: AppContext) {
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
    DISCORD_LIMITS.autocompleteChoices,
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
}

export const projectCommand = defineCommand(PROJECT_DEFINITION, {
  rateLimit: SHARING_RATE_LIMIT,
  subcommands: {
    add: { execute: addProject },
    update: { preconditions: [projectOwner], execute: changeProject },
    list: { execute: listProjects },
    show: { execute: showProject },
  },
  autocomplete: { project: respondWithProjectChoices },
  buttons: { [PAGE_ACTION]: pageTurner(projectListView) },
});
