import { ApplicationCommandOptionType, InteractionContextType, MessageFlags } from 'discord.js';
import {
  findGuildNudgeSettings,
  findGuildTimezone,
  findMemberPreferences,
  type GuildNudgeSettings,
  type MemberPreferences,
  saveGuildNudgeSettings,
  saveMemberPreferences,
} from '../src/core/settings-queries.js';
import { inTransaction } from '../src/db/transaction.js';
import { defineCommand } from '../src/discord/command.js';
import { renderSettingsEmbed } from '../src/discord/views/settings-view.js';
import { truncate } from '../src/shared/text.js';
import { canonicalTimeZone, matchTimeZones } from '../src/shared/time-zones.js';
import { UserError } from '../src/shared/user-error.js';
import { adminOnlyOptions } from './preconditions/admin-only-options.js';

const SILENCE_DAYS = { min: 1, max: 60 } as const;
const TIMEZONE_MAX_LENGTH = 64;

export const settingsCommand = defineCommand(
  {
    name: 'settings',
    description: 'Your Waymark settings; without options, shows them',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'timezone',
        description: 'Your time zone, e.g. Europe/Berlin',
        autocomplete: true,
        max_length: TIMEZONE_MAX_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'nudges',
        description: 'A gentle direct message when you have been quiet for a while',
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'public-profile',
        description: 'Let other members see your /journey and goals',
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'server-nudges',
        description: 'Admins (Manage Server): allow nudges in this server; members still opt in',
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'silence-days',
        description: 'Admins (Manage Server): days without activity before a nudge (default 7)',
        min_value: SILENCE_DAYS.min,
        max_value: SILENCE_DAYS.max,
      },
    ],
  },
  {
    preconditions: [adminOnlyOptions(['server-nudges', 'silence-days'])],
    async execute(interaction, ctx, options) {
      const member = { guildId: interaction.guildId, userId: interaction.user.id };
      const memberChanges: Partial<MemberPreferences> = {};
      if (options.timezone !== null) {
        const timezone = canonicalTimeZone(options.timezone);
        if (!timezone) {
          throw new UserError(
            `“${truncate(options.timezone, TIMEZONE_MAX_LENGTH)}” is not a time zone I know. Pick one from the list as you type, e.g. Europe/Berlin or America/New_York.`,
          );
        }
        memberChanges.timezone = timezone;
      }
      if (options.nudges !== null) memberChanges.nudges = options.nudges;
      if (options['public-profile'] !== null) memberChanges.publicProfile = options['public-profile'];

      const guildChanges: Partial<GuildNudgeSettings> = {};
      if (options['server-nudges'] !== null) guildChanges.enabled = options['server-nudges'];
      const silenceDays = options['silence-days'];
      if (silenceDays !== null) {
        if (silenceDays < SILENCE_DAYS.min || silenceDays > SILENCE_DAYS.max) {
          throw new UserError(`silence-days must be between ${SILENCE_DAYS.min} and ${SILENCE_DAYS.max}.`);
        }
        guildChanges.silenceDays = silenceDays;
      }

      const now = ctx.clock.now();
      const changesMember = Object.keys(memberChanges).length > 0;
      const changesGuild = Object.keys(guildChanges).length > 0;
      if (changesMember || changesGuild) {
        await inTransaction(ctx.db, async (trx) => {
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
    autocomplete: {
      async timezone(interaction) {
        const typed = interaction.options.getFocused();
        await interaction.respond(matchTimeZones(typed).map((zone) => ({ name: zone, value: zone })));
      },
    },
  },
);
