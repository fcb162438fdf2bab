import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import {
  findGuildNudgeSettings,
  findGuildTimezone,
  findMemberPreferences,
  type GuildNudgeSettings,
  type MemberPreferences,
  saveGuildNudgeSettings,
  saveMemberPreferences,
} from '../src/core/settings-queries.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { renderSettingsEmbed } from '../src/discord/views/settings-view.js';
import { truncate } from '../src/shared/text.js';
import { canonicalTimeZone, matchTimeZones } from '../src/shared/time-zones.js';
import { UserError } from '../src/shared/user-error.js';

const SILENCE_DAYS = { min: 1, max: 60 } as const;

export const settingsCommand = {
  data: new SlashCommandBuilder()
    .setName('settings')
    .setDescription('Your Waymark settings; without options, shows them')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName('timezone')
        .setDescription('Your time zone, e.g. Europe/Berlin')
        .setAutocomplete(true)
        .setMaxLength(64),
    )
    .addBooleanOption((option) =>
      option.setName('nudges').setDescription('A gentle direct message when you have been quiet for a while'),
    )
    .addBooleanOption((option) =>
      option.setName('public-profile').setDescription('Let other members see your /journey and goals'),
    )
    .addBooleanOption((option) =>
      option
        .setName('server-nudges')
        .setDescription('Admins (Manage Server): allow nudges in this server; members still opt in'),
    )
    .addIntegerOption((option) =>
      option
        .setName('silence-days')
        .setDescription('Admins (Manage Server): days without activity before a nudge (default 7)')
        .setMinValue(SILENCE_DAYS.min)
        .setMaxValue(SILENCE_DAYS.max),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const member = { guildId: interaction.guildId, userId: interaction.user.id };
    const typedZone = interaction.options.getString('timezone');
    const memberChanges: Partial<MemberPreferences> = {};
    if (typedZone !== null) {
      const timezone = canonicalTimeZone(typedZone);
      if (!timezone) {
        throw new UserError(
          `“${truncate(typedZone, 64)}” is not a time zone I know. Pick one from the list as you type, e.g. Europe/Berlin or America/New_York.`,
        );
      }
      memberChanges.timezone = timezone;
    }
    const nudges = interaction.options.getBoolean('nudges');
    if (nudges !== null) memberChanges.nudges = nudges;
    const publicProfile = interaction.options.getBoolean('public-profile');
    if (publicProfile !== null) memberChanges.publicProfile = publicProfile;

    const guildChanges: Partial<GuildNudgeSettings> = {};
    const serverNudges = interaction.options.getBoolean('server-nudges');
    if (serverNudges !== null) guildChanges.enabled = serverNudges;
    const silenceDays = interaction.options.getInteger('silence-days');
    if (silenceDays !== null) {
      if (silenceDays < SILENCE_DAYS.min || silenceDays > SILENCE_DAYS.max) {
        throw new UserError(`silence-days must be between ${SILENCE_DAYS.min} and ${SILENCE_DAYS.max}.`);
      }
      guildChanges.silenceDays = silenceDays;
    }
    // The router checks permissions per command or subcommand; these two options are the only
    // admin part of a personal command, so they are checked here, before anything changes.
    const changesGuild = Object.keys(guildChanges).length > 0;
    if (changesGuild && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserError('server-nudges and silence-days need the Manage Server permission.');
    }

    const now = ctx.clock.now();
    const changesMember = Object.keys(memberChanges).length > 0;
    if (changesMember || changesGuild) {
      await ctx.db.transaction().execute(async (trx) => {
        if (changesMember) await saveMemberPreferences(trx, member, memberChanges, now);
        if (changesGuild) await saveGuildNudgeSettings(trx, member.guildId, guildChanges, now);
      });
    }
    const embed = renderSettingsEmbed({
      member: await findMemberPreferences(ctx.db, member.guildId, member.userId),
      guild: await findGuildNudgeSettings(ctx.db, member.guildId),
      guildTimezone: await findGuildTimezone(ctx.db, member.guildId, ctx.config.defaultTimezone),
      changed: changesMember || changesGuild,
    });
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
  async autocomplete(interaction) {
    const typed = interaction.options.getFocused();
    await interaction.respond(matchTimeZones(typed).map((zone) => ({ name: zone, value: zone })));
  },
} satisfies LegacySlashCommand;
