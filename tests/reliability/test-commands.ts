import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../../src/discord/command.js';
import { NO_MENTIONS } from '../../src/discord/mentions.js';
import { saveViewState } from '../../src/discord/view-state.js';

/**
 * Test-only commands injected through the composition root (`startTestBot({ commands })`),
 * to drive the paths features share: a public channel post, and slow work after deferring.
 */
export const postCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('post')
    .setDescription('posts text in a channel')
    .setContexts(InteractionContextType.Guild)
    .addChannelOption((option) =>
      option
        .setName('channel')
        .setDescription('where')
        .setRequired(true)
        .addChannelTypes(ChannelType.GuildText),
    )
    .addStringOption((option) => option.setName('text').setDescription('what').setRequired(true))
    .toJSON(),
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const channel = interaction.options.getChannel('channel', true, [ChannelType.GuildText]);
    await channel.send({
      content: interaction.options.getString('text', true),
      allowedMentions: NO_MENTIONS,
    });
    await interaction.editReply({ content: 'Posted.' });
  },
};

export const slowCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('slow')
    .setDescription('works for a while after deferring')
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((option) =>
      option.setName('ms').setDescription('how long').setRequired(true).setMinValue(0),
    )
    .toJSON(),
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await sleep(interaction.options.getInteger('ms', true));
    await interaction.editReply({ content: 'Done.' });
  },
};

/** Writes one row per use (a stored view state owned by the member), so a refusal can be seen to change nothing. */
export const tallyCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('tally')
    .setDescription('records one use')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  async execute(interaction, ctx) {
    await saveViewState(
      ctx.db,
      { guildId: interaction.guildId, userId: interaction.user.id },
      { tally: interaction.id },
      ctx.clock.now(),
    );
    await interaction.reply({ content: 'Counted.', flags: MessageFlags.Ephemeral });
  },
};

/** Sends the member a direct message, as reminders and nudges will. */
export const dmCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('dm')
    .setDescription('sends you a direct message')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.user.send({ content: 'A reminder.', allowedMentions: NO_MENTIONS });
    await interaction.editReply({ content: 'Sent.' });
  },
};
