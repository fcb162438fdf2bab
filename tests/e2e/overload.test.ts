import { InteractionContextType, MessageFlags } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/discord/command.js';
import { BUSY_REPLY, MAX_INTERACTIONS_IN_PROGRESS } from '../../src/discord/router.js';
import { useTestBot } from '../support/bot.js';

/** Work that holds its place until the test lets it finish, so the bound is reached for certain. */
let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => {
  release = resolve;
});

const holdCommand = defineCommand(
  { name: 'hold', description: 'works until released', contexts: [InteractionContextType.Guild] },
  {
    async execute(interaction) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await held;
      await interaction.editReply({ content: 'Done.' });
    },
  },
);

const bot = useTestBot({ commands: [holdCommand] });

describe('overload: more interactions at once than the bot works on', () => {
  it('GIVEN a burst past the bound THEN each interaction is acknowledged once: the first ones worked on, the rest told privately that Waymark is busy', async () => {
    const extra = 20;
    const burst = MAX_INTERACTIONS_IN_PROGRESS + extra;
    const callbacks = new Map<string, number>();
    const stopCounting = bot.double.onInteractionCallback((record) => {
      callbacks.set(record.payload.id, (callbacks.get(record.payload.id) ?? 0) + 1);
    });
    // One member each, so no member's rate limit is what turns an interaction away.
    const handles = Array.from({ length: burst }, () => {
      const user = bot.double.addUser();
      bot.double.addMember(user.id);
      return bot.double.interact(bot.double.slash({ name: 'hold', user }));
    });
    const responses = await Promise.all(handles.map(async (handle) => (await handle).response(15_000)));
    const busy = await Promise.all(
      responses
        .flatMap((response, i) =>
          response.type === InteractionResponseType.ChannelMessageWithSource ? [handles[i]!] : [],
        )
        .map(async (handle) => (await handle).final()),
    );
    expect(busy).toHaveLength(extra);
    for (const reply of busy) {
      expect(reply.content).toBe(BUSY_REPLY);
      expect(reply.ephemeral).toBe(true);
    }

    release();
    const worked = await Promise.all(
      responses
        .flatMap((response, i) =>
          response.type === InteractionResponseType.DeferredChannelMessageWithSource ? [handles[i]!] : [],
        )
        .map(async (handle) => (await handle).final({ timeoutMs: 15_000 })),
    );
    expect(worked).toHaveLength(MAX_INTERACTIONS_IN_PROGRESS);
    expect(worked.every((reply) => reply.content === 'Done.')).toBe(true);
    stopCounting();
    expect(callbacks.size).toBe(burst);
    expect([...callbacks.values()].every((count) => count === 1)).toBe(true);
    await bot.double.waitFor(() => bot.app.router.inFlight === 0, {
      timeoutMs: 5_000,
      description: 'the router still has interactions in progress',
    });
  });
});
