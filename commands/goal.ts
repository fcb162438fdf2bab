import { ApplicationCommandOptionType, InteractionContextType, MessageFlags } from 'discord.js';
import { findCurrentGuildWeek } from '../src/core/guild-week.js';
import { defineCommand } from '../src/discord/command.js';
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
import { DISCORD_LIMITS } from '../src/shared/discord-limits.js';
import { discordTime, relativeTime } from '../src/shared/discord-time.js';
import { truncate } from '../src/shared/text.js';
import { resolveItemOption, respondWithItemChoices } from './options/item-option.js';
import { visibleMember } from './preconditions/visible-member.js';

export const goalCommand = defineCommand(
  {
    name: 'goal',
    description: 'This week’s commitments',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        description: `Commit to a goal for this week (at most ${MAX_OPEN_GOALS_PER_WEEK} open at once)`,
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'text',
            description: 'What you will do this week',
            required: true,
            max_length: GOAL_TEXT_MAX_LENGTH,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'item',
            description: 'The roadmap item it is about',
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'done',
        description: 'Mark one of this week’s goals done',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'goal',
            description: 'Your open goal',
            required: true,
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'This week’s goals',
        options: [
          {
            type: ApplicationCommandOptionType.User,
            name: 'member',
            description: 'Whose goals (you by default)',
          },
        ],
      },
    ],
  },
  {
    subcommands: {
      set: {
        async execute(interaction, ctx, options) {
          const member = { guildId: interaction.guildId, userId: interaction.user.id };
          const item = options.item ? (await resolveItemOption(ctx, member, options.item)).item : null;
          const { goal, openCount, week } = await setWeeklyGoal(ctx, member, {
            text: options.text,
            itemId: item?.id ?? null,
          });
          const embed = waymarkEmbed()
            .setTitle('Goal set for this week')
            .setDescription(renderGoalLine({ ...goal, item_label: item?.label ?? null }))
            .setFooter({
              text: `${openCount}/${MAX_OPEN_GOALS_PER_WEEK} open goals this week · /goal done when it is done`,
            })
            .addFields({
              name: 'Week ends',
              value: `${discordTime(week.endsAt)} (${relativeTime(week.endsAt)})`,
            });
          await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
        },
      },
      done: {
        async execute(interaction, ctx, options) {
          const member = { guildId: interaction.guildId, userId: interaction.user.id };
          const goal = await completeWeeklyGoal(ctx, member, parseGoalOption(options.goal));
          const week = await findGoalsForWeek(ctx.db, member.guildId, member.userId, goal.week_start);
          await interaction.reply({
            content: `✅ Done: ${goal.text}\nThis week: ${summarizeGoals(week)}.`,
            flags: MessageFlags.Ephemeral,
          });
        },
      },
      list: {
        preconditions: [visibleMember],
        async execute(interaction, ctx, options) {
          const target = options.member?.user ?? interaction.user;
          const week = await findCurrentGuildWeek(ctx, interaction.guildId);
          const goals = await findGoalsForWeek(ctx.db, interaction.guildId, target.id, week.start);
          const embed = renderGoalList({
            userId: target.id,
            weekStartsAt: week.startsAt,
            goals,
            own: target.id === interaction.user.id,
          });
          await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
        },
      },
    },
    autocomplete: {
      item: (interaction, ctx) => respondWithItemChoices(interaction, ctx),
      async goal(interaction, ctx) {
        const typed = interaction.options.getFocused().trim().toLowerCase();
        const goals = await findCompletableGoals(
          ctx.db,
          interaction.guildId,
          interaction.user.id,
          ctx.clock.now(),
        );
        await interaction.respond(
          goals
            .filter((goal) => goal.text.toLowerCase().includes(typed))
            .slice(0, DISCORD_LIMITS.autocompleteChoices)
            .map((goal) => ({
              name: truncate(goal.text, DISCORD_LIMITS.choiceName),
              value: String(goal.id),
            })),
        );
      },
    },
  },
);
