import { randomBytes } from 'node:crypto';
import { DiscordAPIError, type Interaction, MessageFlags, RESTJSONErrorCodes } from 'discord.js';
import type { AppContext } from '../context.js';
import { UserError } from '../shared/user-error.js';
import { NO_MENTIONS } from './mentions.js';

function newReference(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Shows `message` to the member who interacted, privately, whatever state the interaction
 * is in. A public deferral cannot become ephemeral, and Discord rejects follow-ups once a
 * still-deferred response is deleted (the first follow-up would also inherit its public
 * flag), so the placeholder is resolved first, the message follows up privately, and the
 * placeholder is then removed.
 */
async function tellPrivately(interaction: Interaction, message: string): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  const payload = { content: message, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    return;
  }
  const stillDeferred = interaction.deferred && !interaction.replied && !interaction.isMessageComponent();
  if (stillDeferred && interaction.ephemeral) {
    await interaction.editReply({ ...payload, embeds: [], components: [], files: [] });
    return;
  }
  if (stillDeferred) {
    await interaction.editReply({
      content: 'This could not be completed.',
      embeds: [],
      components: [],
      files: [],
    });
    await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    await interaction.deleteReply().catch(() => undefined);
    return;
  }
  await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
}

/**
 * What Discord refused, in words a member can act on, for the refusals that come from how a
 * server is set up rather than from a bug: a channel deleted or hidden from the bot, a
 * permission taken away, DMs closed. Undefined for anything else.
 */
function describeDiscordRefusal(error: unknown, ref: string): string | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  const channelId = /\/channels\/(\d+)/.exec(error.url)?.[1];
  const where = channelId ? `<#${channelId}>` : 'that channel';
  switch (error.code) {
    case RESTJSONErrorCodes.UnknownChannel:
      return `I couldn't finish: the channel I needed no longer exists (ref \`${ref}\`). An admin may need to choose another channel.`;
    case RESTJSONErrorCodes.MissingAccess:
    case RESTJSONErrorCodes.MissingPermissions:
      return `I couldn't finish: I'm missing a permission in ${where} (ref \`${ref}\`). An admin can check that Waymark's role may view the channel, send messages and embed links there.`;
    case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
      return `I couldn't send you a direct message: your privacy settings block them (ref \`${ref}\`).`;
    default:
      return undefined;
  }
}

/**
 * The one place errors from handlers end up. A UserError is an expected refusal shown as
 * is; anything else is logged with a short reference the member can quote to an admin,
 * and explained when Discord refused because of how the server is set up.
 */
export async function handleInteractionError(
  interaction: Interaction,
  error: unknown,
  ctx: AppContext,
): Promise<void> {
  let message: string;
  if (error instanceof UserError) {
    message = error.message;
  } else {
    const ref = newReference();
    ctx.failures.record(ctx.clock.now());
    ctx.logger.error(
      {
        err: error,
        ref,
        interactionId: interaction.id,
        guildId: interaction.guildId,
        userId: interaction.user.id,
      },
      'interaction failed',
    );
    message =
      describeDiscordRefusal(error, ref) ??
      `Something went wrong on our side (ref \`${ref}\`). Please try again; if it keeps happening, give an admin this reference.`;
  }
  try {
    await tellPrivately(interaction, message);
  } catch (replyError) {
    ctx.logger.warn(
      { err: replyError, interactionId: interaction.id },
      'could not report an error to the member',
    );
  }
}
