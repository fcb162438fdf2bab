import type { EmbedBuilder } from 'discord.js';
import type { GuildNudgeSettings, MemberPreferences } from '../../core/settings-queries.js';
import { pluralize } from '../../shared/plural.js';
import { waymarkEmbed } from '../embeds.js';

export interface SettingsView {
  member: MemberPreferences;
  guild: GuildNudgeSettings;
  guildTimezone: string;
  changed: boolean;
}

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** The member's settings, with the server's nudge switch, since both decide whether nudges arrive. */
export function renderSettingsEmbed(view: SettingsView): EmbedBuilder {
  const { member, guild } = view;
  const nudges = !member.nudges
    ? 'off'
    : guild.enabled
      ? `on — a direct message after ${guild.silenceDays} quiet days`
      : 'on, but this server has nudges turned off (an admin can enable them with `/settings server-nudges:true`)';
  return waymarkEmbed()
    .setTitle(view.changed ? 'Settings saved' : 'Your settings')
    .addFields(
      {
        name: 'Time zone',
        value: member.timezone ?? `not set (the server uses ${view.guildTimezone})`,
        inline: true,
      },
      { name: 'Public profile', value: onOff(member.publicProfile), inline: true },
      { name: 'Nudges', value: nudges },
      {
        name: 'Server',
        value: `Nudges ${onOff(guild.enabled)} · after ${pluralize(guild.silenceDays, 'day')} of silence · weeks follow ${view.guildTimezone}`,
      },
    )
    .setFooter({ text: 'Change any of these with /settings and the option you want.' });
}
