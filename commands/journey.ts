import { AttachmentBuilder, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { readShownMember } from '../src/core/profile-visibility.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { renderJourneyEmbed } from '../src/discord/views/journey-view.js';
import { loadJourney } from '../src/journey/journey.js';
import { renderJourneyCard } from '../src/journey/render-journey-card.js';

const JOURNEY_CARD = 'journey.png';

export const journeyCommand = {
  data: new SlashCommandBuilder()
    .setName('journey')
    .setDescription('A member’s profile: roadmap progress, weekly streak, goals and feedback')
    .setContexts(InteractionContextType.Guild)
    .addUserOption((option) => option.setName('member').setDescription('Whose journey (yours by default)'))
    .toJSON(),
  async execute(interaction, ctx) {
    const shown = await readShownMember(interaction, ctx);
    const target = shown ?? interaction.user;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const journey = await loadJourney(ctx, interaction.guildId, target.id);
    const member = shown ? interaction.options.getMember('member') : interaction.member;
    const memberName = member?.displayName ?? target.displayName;
    const card = new AttachmentBuilder(await renderJourneyCard(journey, memberName), { name: JOURNEY_CARD });
    const embed = renderJourneyEmbed(journey).setImage(`attachment://${JOURNEY_CARD}`);
    await interaction.editReply({ embeds: [embed], files: [card] });
  },
} satisfies LegacySlashCommand;
