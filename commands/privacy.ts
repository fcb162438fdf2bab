import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type User,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import { type ButtonHandler, defineCommand } from '../src/discord/command.js';
import type { UserOptionValue } from '../src/discord/command-options.js';
import { removePublicPosts } from '../src/discord/posts/remove-public-posts.js';
import { collectMemberData } from '../src/privacy/collect-member-data.js';
import { eraseMemberData } from '../src/privacy/erase-member-data.js';
import { describeMemberData, packMemberData } from '../src/privacy/member-data-document.js';
import { describeErasure, describeErasurePrompt } from '../src/privacy/privacy-view.js';
import { UserError } from '../src/shared/user-error.js';
import {
  ERASE_CONFIRMATION_TTL_MS,
  type EraseConfirmation,
  eraseConfirmationIds,
  isPurge,
  PRIVACY_COMMAND,
  readEraseConfirmation,
} from './components/erase-confirmation.js';
import { memberOptionUser } from './options/member-option.js';
import { eraseConfirmationOwner } from './preconditions/erase-confirmation-owner.js';
import { eraseStillAllowed } from './preconditions/erase-still-allowed.js';

/** "your" for the member's own data, "<@id>’s" for a member an admin purges (mentions never ping). */
function possessive(confirmation: Pick<EraseConfirmation, 'ownerId' | 'targetId'>): string {
  return isPurge(confirmation) ? `<@${confirmation.targetId}>’s` : 'your';
}

async function exportData(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const document = await collectMemberData(ctx.db, interaction.guildId, interaction.user.id, ctx.clock.now());
  const file = packMemberData(document);
  if (!file) {
    throw new UserError(
      'Your data is larger than a file Discord lets me send. An admin can export it from the database for you.',
    );
  }
  await interaction.editReply({
    content: `Everything Waymark stores about you in this server: ${describeMemberData(document)}.`,
    files: [new AttachmentBuilder(file.bytes, { name: file.name })],
  });
}

async function askToErase(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  target: User,
  detail: string | null,
) {
  const confirmation = { ownerId: interaction.user.id, targetId: target.id, issuedAt: ctx.clock.now() };
  const ids = eraseConfirmationIds(confirmation);
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(ids.erase)
      .setLabel(target.id === interaction.user.id ? 'Erase my data' : 'Erase their data')
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(ids.cancel).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  await interaction.reply({
    content: describeErasurePrompt(possessive(confirmation), detail, ERASE_CONFIRMATION_TTL_MS / 60_000),
    components: [buttons],
    flags: MessageFlags.Ephemeral,
  });
}

async function askToPurge(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  member: UserOptionValue,
) {
  const target = memberOptionUser(member);
  // Discord resolves a member only for someone still in the server. Admins may purge current
  // members too (a request made outside Discord), so this is said, not refused.
  const detail = member.member
    ? `<@${target.id}> is still a member of this server. Purge only at their request; they can also use \`/privacy delete\` themselves.`
    : `<@${target.id}> is no longer a member of this server.`;
  await askToErase(interaction, ctx, target, detail);
}

/** Erases once the preconditions have checked the press: its owner, in time, still allowed. */
const erase: ButtonHandler = async (interaction, ctx, id) => {
  const confirmation = readEraseConfirmation(id);
  await interaction.deferUpdate();
  const result = await eraseMemberData(ctx.db, interaction.guildId, confirmation.targetId);
  ctx.logger.info(
    { guildId: interaction.guildId, userId: confirmation.targetId, by: confirmation.ownerId },
    isPurge(confirmation) ? 'member data purged' : 'member data erased',
  );
  const posts = await removePublicPosts(ctx.client.rest, result.publicPosts);
  await interaction.editReply({
    content: describeErasure(possessive(confirmation), result, posts),
    components: [],
  });
};

export const privacyCommand = defineCommand(
  {
    name: PRIVACY_COMMAND,
    description: 'Your data in Waymark: export it or erase it',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'export',
        description: 'Everything Waymark stores about you, as a JSON file',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'delete',
        description: 'Erase your Waymark data in this server (asks to confirm)',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'purge',
        description: 'Admins (Manage Server): erase a member’s Waymark data, e.g. after they left',
        options: [
          {
            type: ApplicationCommandOptionType.User,
            name: 'member',
            description: 'Whose data',
            required: true,
          },
        ],
      },
    ],
  },
  {
    subcommands: {
      export: { execute: (interaction, ctx) => exportData(interaction, ctx) },
      delete: { execute: (interaction, ctx) => askToErase(interaction, ctx, interaction.user, null) },
      purge: {
        permissions: PermissionFlagsBits.ManageGuild,
        execute: (interaction, ctx, { member }) => askToPurge(interaction, ctx, member),
      },
    },
    buttons: {
      erase: { preconditions: [eraseConfirmationOwner, eraseStillAllowed], press: erase },
      cancel: {
        preconditions: [eraseConfirmationOwner],
        async press(interaction) {
          await interaction.update({ content: 'Cancelled. Nothing was erased.', components: [] });
        },
      },
    },
  },
);
