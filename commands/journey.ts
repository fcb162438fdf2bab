import {
  ApplicationCommandOptionType,
  AttachmentBuilder,
  InteractionContextType,
  MessageFlags,
} from 'discord.js';
import { defineCommand } from '../src/discord/command.js';
import { renderJourneyEmbed } from '../src/discord/views/journey-view.js';
import { loadJourney } from '../src/journey/journey.js';
import { renderJourneyCard } from '../src/journey/render-journey-card.js';
import { visibleMember } from './preconditions/visible-member.js';

const JOURNEY_CARD = 'journey.png';

export const journeyCommand = defineCommand(
  {
    name: 'journey',
    description: 'A member’s profile: roadmap progress, weekly streak, goals and feedback',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.User,
        name: 'member',
        description: 'Whose journey (yours by default)',
      },
    ],
  },
  {
    preconditions: [visibleMember],
    async execute(interaction, ctx, options) {
      const target = options.member?.user ?? interaction.user;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const journey = await loadJourney(ctx, interaction.guildId, target.id);
      const member = options.member ? options.member.member : interaction.member;
      const memberName = member?.displayName ?? target.displayName;
      const card = new AttachmentBuilder(await renderJourneyCard(journey, memberName), {
        name: JOURNEY_CARD,
      });
      const embed = renderJourneyEmbed(journey).setImage(`attachment://${JOURNEY_CARD}`);
      await interaction.editReply({ embeds: [embed], files: [card] });
    },
  },
);
