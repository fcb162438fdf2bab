import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type MessageComponentInteraction,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type User,
} from 'discord.js';
import type { AppContext } from '../src/context.js';
import type { LegacySlashCommand } from '../src/discord/command.js';
import { assertComponentOwner } from '../src/discord/custom-id.js';
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
  isEraseConfirmationExpired,
  PRIVACY_COMMAND,
  parseEraseConfirmation,
} from './components/erase-confirmation.js';
import { readMemberOption } from './options/member-option.js';

/** "your" for the member's own data, "<@id>’s" for a member an admin purges (mentions never ping). */
function possessive(confirmation: Pick<EraseConfirmation, 'ownerId' | 'targetId'>): string {
  return confirmation.ownerId === confirmation.targetId ? 'your' : `<@${confirmation.targetId}>’s`;
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

async function askToPurge(interaction: ChatInputCommandInteraction<'cached'>, ctx: AppContext) {
  const target = readMemberOption(interaction, true);
  // Discord resolves a member only for someone still in the server. Admins may purge current
  // members too (a request made outside Discord), so this is said, not refused.
  const stillMember = interaction.options.getMember('member') !== null;
  const detail = stillMember
    ? `<@${target.id}> is still a member of this server. Purge only at their request; they can also use \`/privacy delete\` themselves.`
    : `<@${target.id}> is no longer a member of this server.`;
  await askToErase(interaction, ctx, target, detail);
}

async function erase(
  interaction: MessageComponentInteraction<'cached'>,
  ctx: AppContext,
  confirmation: EraseConfirmation,
) {
  if (isEraseConfirmationExpired(confirmation, ctx.clock.now())) {
    throw new UserError('This confirmation has expired and nothing was erased. Run the command again.');
  }
  const purging = confirmation.targetId !== confirmation.ownerId;
  // The permission may have been taken away since the prompt was shown.
  if (purging && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('/privacy purge needs the Manage Server permission.');
  }
  await interaction.deferUpdate();
  const result = await eraseMemberData(ctx.db, interaction.guildId, confirmation.targetId);
  ctx.logger.info(
    { guildId: interaction.guildId, userId: confirmation.targetId, by: confirmation.ownerId },
    purging ? 'member data purged' : 'member data erased',
  );
  const posts = await removePublicPosts(ctx.client.rest, result.publicPosts);
  await interaction.editReply({
    content: describeErasure(possessive(confirmation), result, posts),
    components: [],
  });
}

export const privacyCommand = {
  data: new SlashCommandBuilder()
    .setName(PRIVACY_COMMAND)
    .setDescription('Your data in Waymark: export it or erase it')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub.setName('export').setDescription('Everything Waymark stores about you, as a JSON file'),
    )
    .addSubcommand((sub) =>
      sub.setName('delete').setDescription('Erase your Waymark data in this server (asks to confirm)'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('purge')
        .setDescription('Admins (Manage Server): erase a member’s Waymark data, e.g. after they left')
        .addUserOption((option) => option.setName('member').setDescription('Whose data').setRequired(true)),
    )
    .toJSON(),
  permissions: { purge: PermissionFlagsBits.ManageGuild },
  async execute(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'export') return exportData(interaction, ctx);
    if (subcommand === 'purge') return askToPurge(interaction, ctx);
    return askToErase(interaction, ctx, interaction.user, null);
  },
  async handleComponent(interaction, ctx, id) {
    const confirmation = parseEraseConfirmation(id);
    if (!interaction.isButton() || !confirmation || !['erase', 'cancel'].includes(id.action)) {
      throw new UserError('This button has expired. Run the command again.');
    }
    assertComponentOwner(interaction.user.id, confirmation.ownerId);
    if (id.action === 'cancel') {
      await interaction.update({ content: 'Cancelled. Nothing was erased.', components: [] });
      return;
    }
    await erase(interaction, ctx, confirmation);
  },
} satisfies LegacySlashCommand;
