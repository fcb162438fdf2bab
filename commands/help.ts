import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { loadCommandMentions } from '../src/discord/command-mentions.js';
import { gatherSetupFacts } from '../src/discord/setup-facts.js';
import { renderHelpEmbed } from '../src/discord/views/help-view.js';
import { buildSetupChecklist } from '../src/onboarding/setup-checklist.js';

export const helpCommand = defineCommand(
  {
    name: 'help',
    description: 'What Waymark does, your first steps, and the setup checklist for admins',
    contexts: [InteractionContextType.Guild],
  },
  {
    async execute(interaction, ctx) {
      const isAdmin = interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
      const [mention, facts] = await Promise.all([
        loadCommandMentions(ctx),
        isAdmin ? gatherSetupFacts(ctx, interaction.guild) : null,
      ]);
      const checklist = facts ? buildSetupChecklist(facts, mention) : null;
      await interaction.reply({
        embeds: [renderHelpEmbed(mention, checklist)],
        flags: MessageFlags.Ephemeral,
      });
    },
  },
);
