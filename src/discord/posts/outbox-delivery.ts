import {
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  type InteractionReplyOptions,
  type Message,
  type MessageCreateOptions,
  REST,
  RESTJSONErrorCodes,
  type RepliableInteraction,
  Routes,
  type SendableChannels,
} from 'discord.js';
import type { AppContext } from '../../context.js';
import {
  claimDelivery,
  markDelivered,
  type OutboxMessage,
  type OutboxPayload,
  outboxNonce,
  parsePayload,
  recordFailedAttempt,
} from '../../core/outbox.js';
import type { Db } from '../../db/connection.js';
import type { OutboxKind, OutboxRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { NO_MENTIONS } from '../mentions.js';
import { findRecentPost } from './find-recent-post.js';
import { POST_KINDS } from './post-kinds.js';

/** What differs between the kinds of post: how one is posted by the outbox, and what delivery records. */
export interface PostKind {
  /** The message posted in the channel (or DM) when no interaction carries it. */
  channelMessage(row: OutboxRow, payload: OutboxPayload): OutboxMessage;
  /** Discord work the post needs before it counts as delivered (its thread); safe to run again. */
  complete?(ctx: AppContext, row: OutboxRow, payload: OutboxPayload, messageId: string): Promise<void>;
  /** The feature's own record of the post, in the transaction that marks the row delivered. */
  record?(trx: Db, ctx: AppContext, row: OutboxRow, payload: OutboxPayload, messageId: string): Promise<void>;
  /** A refusal that retrying cannot change (closed DMs): the row is left failed at once. */
  refused?(ctx: AppContext, row: OutboxRow, error: unknown): Promise<boolean>;
}

export type PostKinds = Readonly<Record<OutboxKind, PostKind>>;

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'taken';

/** Why an attempt failed, for logs and operators; never the request body. */
function describeError(error: unknown): string {
  if (error instanceof DiscordAPIError) return `Discord refused it: ${error.message} (code ${error.code}).`;
  if (error instanceof HTTPError) return `Discord was unavailable (HTTP ${error.status}).`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether Discord may have carried out a request: anything but a refusal (4xx) may have. */
function mayHaveReachedDiscord(error: unknown): boolean {
  return !(error instanceof DiscordAPIError && error.status < 500);
}

/** Same post: the same buttons (they carry the subject's id), else the same embed, else the same text. */
function isSamePost(message: Message, expected: OutboxMessage): boolean {
  const customIds = (components: readonly unknown[] | undefined) =>
    JSON.stringify(
      (components ?? []).flatMap((row) =>
        ((row as { components?: { custom_id?: string }[] }).components ?? []).map(
          (component) => component.custom_id,
        ),
      ),
    );
  if ((expected.components?.length ?? 0) > 0) {
    return customIds(expected.components) === customIds(message.components.map((row) => row.toJSON()));
  }
  const embed = expected.embeds?.[0] as { title?: string; description?: string } | undefined;
  if (embed) {
    const found = message.embeds[0];
    return found?.title === (embed.title ?? null) && found?.description === (embed.description ?? null);
  }
  return message.content === (expected.content ?? '');
}

/** The channel (or the member's DM channel) a row posts in. */
async function targetOf(ctx: AppContext, row: OutboxRow): Promise<SendableChannels> {
  if (row.recipient_id) return ctx.client.users.createDM(row.recipient_id);
  const channel = row.channel_id ? await ctx.client.channels.fetch(row.channel_id) : null;
  if (!channel?.isSendable()) throw new Error(`channel ${row.channel_id} cannot be posted in`);
  return channel;
}

async function finish(ctx: AppContext, row: OutboxRow, messageId: string): Promise<DeliveryOutcome> {
  const kind = POST_KINDS[row.kind];
  const payload = parsePayload(row);
  await kind.complete?.(ctx, row, payload, messageId);
  return inTransaction(ctx.db, async (trx) => {
    if (!(await markDelivered(trx, row, messageId, ctx.clock.now()))) return 'taken';
    await kind.record?.(trx, ctx, row, payload, messageId);
    return 'delivered';
  });
}

async function fail(ctx: AppContext, row: OutboxRow, error: unknown): Promise<DeliveryOutcome> {
  const final = (await POST_KINDS[row.kind].refused?.(ctx, row, error)) ?? false;
  const failed = await recordFailedAttempt(ctx.db, row, describeError(error), ctx.clock.now(), { final });
  ctx.logger.warn(
    { err: error, outboxId: row.id, kind: row.kind, attempts: row.attempts, status: failed?.status },
    'post not delivered',
  );
  if (!failed) return 'taken';
  return failed.status === 'failed' ? 'failed' : 'retrying';
}

/**
 * Posts a row this process holds the claim on, in its channel: with the row's nonce, so a
 * retried POST returns the message Discord already created, and, for an attempt that may have
 * reached Discord before, only after looking for it there.
 */
export async function deliverToChannel(ctx: AppContext, row: OutboxRow): Promise<DeliveryOutcome> {
  try {
    const target = await targetOf(ctx, row);
    const message = POST_KINDS[row.kind].channelMessage(row, parsePayload(row));
    const existing =
      row.attempts > 1
        ? await findRecentPost(ctx, target, (found) => isSamePost(found, message), new Date(row.created_at))
        : undefined;
    const posted =
      existing ??
      (await target.send({
        ...(message as MessageCreateOptions),
        allowedMentions: NO_MENTIONS,
        nonce: outboxNonce(row),
        enforceNonce: true,
      }));
    return await finish(ctx, row, posted.id);
  } catch (error) {
    return fail(ctx, row, error);
  }
}

/** Claims a due row, then delivers it in its channel; the periodic pass and recovery at start. */
export async function claimAndDeliver(ctx: AppContext, row: OutboxRow): Promise<DeliveryOutcome> {
  const claimed = await claimDelivery(ctx.db, row, ctx.clock.now());
  return claimed ? deliverToChannel(ctx, claimed) : 'taken';
}

/**
 * The first attempt of a post that answers an interaction publicly. If Discord carried out a
 * reply whose answer was lost, discord.js's retry meets "already acknowledged" (40060): the
 * reply exists and is read back. Any other failure is left to the outbox, which posts it in
 * the channel later (the interaction will have expired by then), and rethrown so the member is
 * told.
 */
export async function deliverAsReply(
  ctx: AppContext,
  row: OutboxRow,
  interaction: RepliableInteraction,
): Promise<void> {
  const { message } = parsePayload(row);
  let messageId: string | undefined;
  try {
    const response = await interaction.reply({
      ...(message as InteractionReplyOptions),
      allowedMentions: NO_MENTIONS,
      withResponse: true,
    });
    messageId = response.resource?.message?.id;
  } catch (error) {
    if (
      !(
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
      )
    ) {
      await fail(ctx, row, error);
      throw error;
    }
    messageId = (await interaction.fetchReply()).id;
  }
  if (messageId) await finish(ctx, row, messageId);
}

/** Interaction webhooks take no nonce, so their posts are not retried blindly: see deliverAsFollowUp. */
const followUpRest = new WeakMap<AppContext, REST>();

function noRetryRest(ctx: AppContext): REST {
  let rest = followUpRest.get(ctx);
  if (!rest) {
    rest = new REST({ api: ctx.config.discordApiUrl, retries: 0 });
    followUpRest.set(ctx, rest);
  }
  return rest;
}

/**
 * The first attempt of a post made as an interaction's public follow-up, which needs no
 * permission in the channel. Execute Webhook has no nonce, so a 5xx is not retried blindly:
 * the channel is read first, and what is not found there is left to the outbox.
 */
export async function deliverAsFollowUp(
  ctx: AppContext,
  row: OutboxRow,
  interaction: RepliableInteraction,
): Promise<void> {
  const { message } = parsePayload(row);
  try {
    const posted = (await noRetryRest(ctx).post(
      Routes.webhook(interaction.applicationId, interaction.token),
      {
        body: { ...message, allowed_mentions: { parse: [] } },
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      },
    )) as APIMessage;
    await finish(ctx, row, posted.id);
  } catch (error) {
    const found =
      mayHaveReachedDiscord(error) && interaction.channel?.isSendable()
        ? await findRecentPost(
            ctx,
            interaction.channel,
            (candidate) => isSamePost(candidate, message),
            new Date(row.created_at),
          )
        : undefined;
    if (found) await finish(ctx, row, found.id);
    else await fail(ctx, row, error);
  }
}
