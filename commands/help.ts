import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.js';
import { loadCommandMentions } from '../src/discord/command-mentions.js';
import { renderHelpEmbed } from '../src/onboarding/help-view.js';
import { buildSetupChecklist } from '../src/onboarding/setup-checklist.js';
import { gatherSetupFacts } from '../src/onboarding/setup-facts.js';

export const helpCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What Waymark does, your first steps, and the setup checklist for admins')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  async execute(interaction, ctx) {
    const isAdmin = interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
    const [mention, facts] = await Promise.all([
      loadCommandMentions(ctx),
      isAdmin ? gatherSetupFacts(ctx, interaction.guild) : null,
    ]);
    const checklist = facts ? buildSetupChecklist(facts, mention) : null;
    await interaction.reply({ embeds: [renderHelpEmbed(mention, checklist)], flags: MessageFlags.Ephemeral });
  },
} satisfies SlashCommand;
