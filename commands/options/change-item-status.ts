import { ApplicationCommandOptionType, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import { enqueuePost } from '../../src/core/outbox.js';
import { describeStreak } from '../../src/core/streaks.js';
import type { ItemStatus } from '../../src/db/schema.js';
import { inTransaction } from '../../src/db/transaction.js';
import { deliverAsFollowUp } from '../../src/discord/posts/outbox-delivery.js';
import type { RateLimitRule } from '../../src/discord/rate-limiter.js';
import { checkItem, describeCheck, describePhaseCompleted } from '../../src/roadmaps/check-item.js';
import { resolveItemOption } from './item-option.js';

/**
 * Finishing a phase ticks many items in a row, so /check and /uncheck allow a burst; a runaway
 * script still stops at 30 a minute.
 */
export const STATUS_RATE_LIMIT: RateLimitRule = { uses: 30, windowMs: 60_000 };

/** The `item` option of /check and /uncheck: any item of the member's roadmap, by autocomplete. */
export const ITEM_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'item',
  description: 'The item (type a few words)',
  required: true,
  autocomplete: true,
} as const;

/**
 * What /check and /uncheck share: resolve the `item` option on the member's roadmap, set the
 * status, reply privately with the phase's progress, and announce a newly finished phase.
 */
export async function changeItemStatus(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: AppContext,
  itemInput: string,
  change: { status: ItemStatus; note: string | null; link: string | null },
): Promise<void> {
  const member = { guildId: interaction.guildId, userId: interaction.user.id };
  const { item, roadmap } = await resolveItemOption(ctx, member, itemInput);
  const now = ctx.clock.now();
  // A finished phase's celebration is stored with the change, so it is posted even after a crash.
  const { outcome, celebration } = await inTransaction(ctx.db, async (trx) => {
    const outcome = await checkItem(trx, {
      ...member,
      item,
      roadmapId: roadmap.id,
      ...change,
      at: now,
      defaultTimezone: ctx.config.defaultTimezone,
    });
    if (!outcome.completedPhase) return { outcome, celebration: undefined };
    const content = describePhaseCompleted(interaction.member.displayName, item, roadmap.name);
    const celebration = await enqueuePost(
      trx,
      {
        guildId: member.guildId,
        kind: 'phase_completed',
        channelId: interaction.channelId,
        ownerId: member.userId,
        subjectId: item.phase_id,
        payload: { message: { content }, data: {} },
      },
      now,
    );
    return { outcome, celebration };
  });
  await interaction.reply({
    content: `${describeCheck(item, outcome)}\nWeekly streak: ${describeStreak(outcome.streak)}`,
    flags: MessageFlags.Ephemeral,
  });
  // A follow-up is posted through the interaction's webhook: no channel permission needed.
  if (celebration) await deliverAsFollowUp(ctx, celebration, interaction);
}
