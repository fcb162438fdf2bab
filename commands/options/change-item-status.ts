import { ApplicationCommandOptionType, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { AppContext } from '../../src/context.js';
import { findCurrentGuildWeek } from '../../src/core/guild-week.js';
import { describeStreak } from '../../src/core/streaks.js';
import { findMemberStreak } from '../../src/core/streaks-queries.js';
import type { ItemStatus } from '../../src/db/schema.js';
import { NO_MENTIONS } from '../../src/discord/mentions.js';
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
  const outcome = await checkItem(ctx.db, {
    ...member,
    item,
    roadmapId: roadmap.id,
    ...change,
    at: ctx.clock.now(),
    defaultTimezone: ctx.config.defaultTimezone,
  });
  const week = await findCurrentGuildWeek(ctx, member.guildId);
  const streak = await findMemberStreak(ctx.db, member.guildId, member.userId, week.start);
  await interaction.reply({
    content: `${describeCheck(item, outcome)}\nWeekly streak: ${describeStreak(streak)}`,
    flags: MessageFlags.Ephemeral,
  });
  if (!outcome.completedPhase) return;
  // A follow-up is posted through the interaction's webhook: no channel permission needed.
  await interaction.followUp({
    content: describePhaseCompleted(interaction.member.displayName, item, roadmap.name),
    allowedMentions: NO_MENTIONS,
  });
}
