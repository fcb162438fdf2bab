import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  TimestampStyles,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { findRecentDigestRuns } from '../src/digest/digest-runs.js';
import {
  findDigestSchedule,
  pauseDigestSchedule,
  saveDigestSchedule,
} from '../src/digest/digest-schedules.js';
import { weekEndingAt } from '../src/digest/digest-slots.js';
import {
  describeRun,
  describeTiming,
  isoWeekday,
  nextScheduledSlot,
  WEEKDAYS,
} from '../src/digest/digest-status.js';
import { defineCommand, type SlashCommandData } from '../src/discord/command.js';
import type { SubcommandOptions } from '../src/discord/command-options.js';
import { missingDigestPermissions } from '../src/discord/digest-channel.js';
import { waymarkEmbed } from '../src/discord/embeds.js';
import { digestTimezone, prepareDigest } from '../src/discord/posts/publish-digest.js';
import { sendDigestNow } from '../src/discord/posts/send-digest-now.js';
import { ADMIN_SETUP_RATE_LIMIT } from '../src/discord/rate-limiter.js';
import { DISCORD_LIMITS } from '../src/shared/discord-limits.js';
import { discordTime, relativeTime } from '../src/shared/discord-time.js';
import { fitLines } from '../src/shared/text.js';
import { isValidTimeZone, matchTimeZones } from '../src/shared/time-zones.js';
import { UserError } from '../src/shared/user-error.js';

const RECENT_RUNS = 5;

const MANAGE_SERVER = PermissionFlagsBits.ManageGuild;

const definition = {
  name: 'digest',
  description: 'The weekly progress digest',
  contexts: [InteractionContextType.Guild],
  default_member_permissions: MANAGE_SERVER.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'setup',
      description: 'Choose where and when the weekly digest posts (also resumes a paused digest)',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'The channel the digest posts in',
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'day',
          description: 'The day of the week it posts',
          required: true,
          choices: WEEKDAYS.map((day) => ({ name: day, value: day })),
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'hour',
          description: 'The hour it posts, 0–23, in the time zone',
          min_value: 0,
          max_value: 23,
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: 'IANA time zone, e.g. Europe/Berlin (default: the current one)',
          autocomplete: true,
          max_length: 64,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preview',
      description: 'See the digest as it would post now (only you see it)',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'send',
      description: 'Post the digest now, as this week’s digest (the scheduled one then skips this week)',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'pause',
      description: 'Stop posting the digest until /digest setup is run again',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: 'The schedule, the next digest and how the last ones went',
    },
  ],
} as const satisfies SlashCommandData;

type Interaction = ChatInputCommandInteraction<'cached'>;

async function setup(
  interaction: Interaction,
  ctx: AppContext,
  {
    channel: option,
    day: dayName,
    hour,
    timezone: requestedZone,
  }: SubcommandOptions<typeof definition>['setup'],
): Promise<void> {
  const day = isoWeekday(dayName);
  if (requestedZone !== null && !isValidTimeZone(requestedZone)) {
    throw new UserError(
      `“${requestedZone}” is not a time zone I know. Pick one from the list, such as Europe/Berlin or America/New_York.`,
    );
  }
  const timezone = requestedZone ?? (await digestTimezone(ctx, interaction.guildId));
  const channel = interaction.guild.channels.cache.get(option.id) ?? option;
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());
  const missing = missingDigestPermissions(channel.permissionsFor(me));
  if (missing.length > 0) {
    throw new UserError(
      `Waymark can’t post the digest in ${channel.toString()} yet. It is missing: ${missing.join(', ')}. Grant these to Waymark in that channel, then run /digest setup again.`,
    );
  }
  const now = ctx.clock.now();
  const schedule = await saveDigestSchedule(ctx.db, {
    guild_id: interaction.guildId,
    channel_id: channel.id,
    day,
    hour,
    timezone,
    updated_by: interaction.user.id,
    updated_at: now.toISOString(),
  });
  const next = await nextScheduledSlot(ctx.db, schedule, now);
  await interaction.reply({
    content: `The weekly digest posts in ${channel.toString()} on ${describeTiming(schedule)}. Next: ${discordTime(next.at, TimestampStyles.LongDateTime)} (${relativeTime(next.at)}).`,
    flags: MessageFlags.Ephemeral,
  });
}

async function preview(interaction: Interaction, ctx: AppContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const timezone = await digestTimezone(ctx, interaction.guildId);
  const digest = await prepareDigest(ctx, {
    guildId: interaction.guildId,
    period: weekEndingAt(ctx.clock.now(), timezone),
    timezone,
    footer: 'Preview — not posted',
  });
  await interaction.editReply({ embeds: [digest.embed], files: digest.files });
}

async function send(interaction: Interaction, ctx: AppContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const sent = await sendDigestNow(ctx, interaction.guildId);
  const scheduled =
    sent.slot.at > ctx.clock.now()
      ? ` The digest scheduled for ${discordTime(sent.slot.at, TimestampStyles.LongDateTime)} will not post this week.`
      : '';
  await interaction.editReply({
    content: `Posted this week’s digest (\`${sent.slot.key}\`) in <#${sent.channelId}>: ${sent.url}${scheduled}`,
  });
}

async function pause(interaction: Interaction, ctx: AppContext): Promise<void> {
  const schedule = await findDigestSchedule(ctx.db, interaction.guildId);
  if (!schedule)
    throw new UserError('No digest is set up yet. Use /digest setup to choose a channel and time.');
  if (!(await pauseDigestSchedule(ctx.db, interaction.guildId, interaction.user.id, ctx.clock.now()))) {
    throw new UserError('The digest is already paused. Run /digest setup to resume it.');
  }
  await interaction.reply({
    content: 'The weekly digest is paused. Run /digest setup to resume it.',
    flags: MessageFlags.Ephemeral,
  });
}

async function status(interaction: Interaction, ctx: AppContext): Promise<void> {
  const schedule = await findDigestSchedule(ctx.db, interaction.guildId);
  if (!schedule)
    throw new UserError('No digest is set up yet. Use /digest setup to choose a channel and time.');
  const now = ctx.clock.now();
  const runs = await findRecentDigestRuns(ctx.db, interaction.guildId, RECENT_RUNS);
  let next = 'Paused — run /digest setup to resume.';
  if (schedule.paused === 0) {
    const slot = await nextScheduledSlot(ctx.db, schedule, now);
    next = `${discordTime(slot.at, TimestampStyles.LongDateTime)} (${relativeTime(slot.at)})`;
  }
  const embed = waymarkEmbed()
    .setTitle('Weekly digest')
    .addFields(
      { name: 'Schedule', value: `${describeTiming(schedule)} in <#${schedule.channel_id}>` },
      { name: 'Next digest', value: next },
      {
        name: 'Recent runs',
        value:
          runs.length > 0
            ? fitLines(
                runs.map(describeRun),
                DISCORD_LIMITS.embedFieldValue,
                (hidden) => `…and ${hidden} more`,
              )
            : 'None yet.',
      },
    );
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}

async function suggestTimeZones(interaction: AutocompleteInteraction<'cached'>): Promise<void> {
  const zones = matchTimeZones(interaction.options.getFocused(), DISCORD_LIMITS.autocompleteChoices);
  await interaction.respond(zones.map((zone) => ({ name: zone, value: zone })));
}

export const digestCommand = defineCommand(definition, {
  rateLimit: ADMIN_SETUP_RATE_LIMIT,
  subcommands: {
    setup: { permissions: MANAGE_SERVER, execute: setup },
    preview: { permissions: MANAGE_SERVER, execute: preview },
    send: { permissions: MANAGE_SERVER, execute: send },
    pause: { permissions: MANAGE_SERVER, execute: pause },
    status: { permissions: MANAGE_SERVER, execute: status },
  },
  autocomplete: { timezone: suggestTimeZones },
});
