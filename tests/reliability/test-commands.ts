import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationCommandOptionType, ChannelType, InteractionContextType, MessageFlags } from 'discord.js';
import { defineCommand } from '../../src/discord/command.js';
import { NO_MENTIONS } from '../../src/discord/mentions.js';
import { saveViewState } from '../../src/discord/view-state.js';

/**
 * Test-only commands injected through the composition root (`startTestBot({ commands })`),
 * to drive the paths features share: a public channel post, and slow work after deferring.
 */
export const postCommand = defineCommand(
  {
    name: 'post',
    description: 'posts text in a channel',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Channel,
        name: 'channel',
        description: 'where',
        required: true,
        channel_types: [ChannelType.GuildText],
      },
      { type: ApplicationCommandOptionType.String, name: 'text', description: 'what', required: true },
    ],
  },
  {
    async execute(interaction, _ctx, { channel, text }) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      if (!channel.isSendable()) throw new Error('the double sent a channel that cannot take messages');
      await channel.send({ content: text, allowedMentions: NO_MENTIONS });
      await interaction.editReply({ content: 'Posted.' });
    },
  },
);

export const slowCommand = defineCommand(
  {
    name: 'slow',
    description: 'works for a while after deferring',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'ms',
        description: 'how long',
        required: true,
        min_value: 0,
      },
    ],
  },
  {
    async execute(interaction, _ctx, { ms }) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(ms);
      await interaction.editReply({ content: 'Done.' });
    },
  },
);

/** Writes one row per use (a stored view state owned by the member), so a refusal can be seen to change nothing. */
export const tallyCommand = defineCommand(
  { name: 'tally', description: 'records one use', contexts: [InteractionContextType.Guild] },
  {
    async execute(interaction, ctx) {
      await saveViewState(
        ctx.db,
        { guildId: interaction.guildId, userId: interaction.user.id },
        { tally: interaction.id },
        ctx.clock.now(),
      );
      await interaction.reply({ content: 'Counted.', flags: MessageFlags.Ephemeral });
    },
  },
);

/** Sends the member a direct message, as reminders and nudges will. */
export const dmCommand = defineCommand(
  { name: 'dm', description: 'sends you a direct message', contexts: [InteractionContextType.Guild] },
  {
    async execute(interaction) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.user.send({ content: 'A reminder.', allowedMentions: NO_MENTIONS });
      await interaction.editReply({ content: 'Sent.' });
    },
  },
);
