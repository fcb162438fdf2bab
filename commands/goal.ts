import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { findCurrentGuildWeek } from '../src/core/guild-week.js';
import { readShownMember } from '../src/core/profile-visibility.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { renderGoalLine, renderGoalList, summarizeGoals } from '../src/discord/views/goals-view.js';
import {
  completeWeeklyGoal,
  GOAL_TEXT_MAX_LENGTH,
  MAX_OPEN_GOALS_PER_WEEK,
  parseGoalOption,
  setWeeklyGoal,
} from '../src/goals/goals.js';
import { findCompletableGoals, findGoalsForWeek } from '../src/goals/goals-queries.js';
import { discordTime, relativeTime } from '../src/shared/discord-time.js';
import { truncate } from '../src/shared/text.js';
import { resolveItemOption, respondWithItemChoices } from './options/item-option.js';

type Interaction = ChatInputCommandInteraction<'cached'>;

const AUTOCOMPLETE_NAME_MAX_LENGTH = 100;

async function set(interaction: Interaction, ctx: AppContext): Promise<void> {
  const member = { guildId: interaction.guildId, userId: interaction.user.id };
  const itemValue = interaction.options.getString('item');
  const item = itemValue ? (await resolveItemOption(ctx, member, itemValue)).item : null;
  const { goal, openCount, week } = await setWeeklyGoal(ctx, member, {
    text: interaction.options.getString('text', true),
    itemId: item?.id ?? null,
  });
  const embed = waymarkEmbed()
    .setTitle('Goal set for this week')
    .setDescription(renderGoalLine({ ...goal, item_label: item?.label ?? null }))
    .setFooter({
      text: `${openCount}/${MAX_OPEN_GOALS_PER_WEEK} open goals this week · /goal done when it is done`,
    })
    .addFields({ name: 'Week ends', value: `${discordTime(week.endsAt)} (${relativeTime(week.endsAt)})` });
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}

async function done(interaction: Interaction, ctx: AppContext): Promise<void> {
  const member = { guildId: interaction.guildId, userId: interaction.user.id };
  const goalId = parseGoalOption(interaction.options.getString('goal', true));
  const goal = await completeWeeklyGoal(ctx, member, goalId);
  const week = await findGoalsForWeek(ctx.db, member.guildId, member.userId, goal.week_start);
  await interaction.reply({
    content: `✅ Done: ${goal.text}\nThis week: ${summarizeGoals(week)}.`,
    flags: MessageFlags.Ephemeral,
  });
}

async function list(interaction: Interaction, ctx: AppContext): Promise<void> {
  const target = (await readShownMember(interaction, ctx)) ?? interaction.user;
  const week = await findCurrentGuildWeek(ctx, interaction.guildId);
  const goals = await findGoalsForWeek(ctx.db, interaction.guildId, target.id, week.start);
  const embed = renderGoalList({
    userId: target.id,
    weekStartsAt: week.startsAt,
    goals,
    own: target.id === interaction.user.id,
  });
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}

const SUBCOMMANDS = { set, done, list } as const;

export const goalCommand = {
  data: new SlashCommandBuilder()
    .setName('goal')
    .setDescription('This week’s commitments')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('set')
        .setDescription(`Commit to a goal for this week (at most ${MAX_OPEN_GOALS_PER_WEEK} open at once)`)
        .addStringOption((option) =>
          option
            .setName('text')
            .setDescription('What you will do this week')
            .setRequired(true)
            .setMaxLength(GOAL_TEXT_MAX_LENGTH),
        )
        .addStringOption((option) =>
          option.setName('item').setDescription('The roadmap item it is about').setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('done')
        .setDescription('Mark one of this week’s goals done')
        .addStringOption((option) =>
          option.setName('goal').setDescription('Your open goal').setRequired(true).setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('list')
        .setDescription('This week’s goals')
        .addUserOption((option) => option.setName('member').setDescription('Whose goals (you by default)')),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand(true) as keyof typeof SUBCOMMANDS;
    await SUBCOMMANDS[subcommand](interaction, ctx);
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'item') {
      await respondWithItemChoices(interaction, ctx);
      return;
    }
    const typed = focused.value.trim().toLowerCase();
    const goals = await findCompletableGoals(
      ctx.db,
      interaction.guildId,
      interaction.user.id,
      ctx.clock.now(),
    );
    await interaction.respond(
      goals
        .filter((goal) => goal.text.toLowerCase().includes(typed))
        .slice(0, 25)
        .map((goal) => ({ name: truncate(goal.text, AUTOCOMPLETE_NAME_MAX_LENGTH), value: String(goal.id) })),
    );
  },
} satisfies LegacySlashCommand;
