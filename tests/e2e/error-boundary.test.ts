import { ApplicationCommandOptionType, InteractionContextType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/discord/command.js';
import { UserError } from '../../src/shared/user-error.js';
import { useTestBot } from '../support/bot.js';

const STAGES = ['before', 'ephemeral-defer', 'public-defer', 'replied'] as const;
type Stage = (typeof STAGES)[number];

/** A command that fails at a chosen point of its life, to exercise the one error boundary. */
const failingCommand = defineCommand(
  {
    name: 'fail',
    description: 'fails on purpose',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'stage',
        description: 'when to fail',
        required: true,
        choices: STAGES.map((value) => ({ name: value, value })),
      },
      { type: ApplicationCommandOptionType.Boolean, name: 'unexpected', description: 'throw a plain Error' },
    ],
  },
  {
    async execute(interaction, _ctx, { stage, unexpected }) {
      if (stage === 'ephemeral-defer') await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      if (stage === 'public-defer') await interaction.deferReply();
      if (stage === 'replied')
        await interaction.reply({ content: 'working on it', flags: MessageFlags.Ephemeral });
      if (unexpected) throw new Error('database exploded');
      throw new UserError('That item does not exist.');
    },
  },
);

describe('the error boundary', () => {
  const bot = useTestBot({ commands: [failingCommand] });

  async function fail(stage: Stage, unexpected = false) {
    const handle = await bot.double.interact(
      bot.double.slash({ name: 'fail', options: { stage, ...(unexpected ? { unexpected: true } : {}) } }),
    );
    await handle.final();
    return handle;
  }

  it.each<Stage>(['before', 'ephemeral-defer', 'public-defer', 'replied'])(
    'GIVEN a UserError thrown %s replying THEN the member privately sees its message as is',
    async (stage) => {
      const handle = await fail(stage);
      const original = await handle.final();
      const shown = await bot.double.waitFor(() =>
        [original, ...handle.followUps()].find(
          (message) => !message.deleted && message.content.includes('That item does not exist.'),
        ),
      );
      expect(shown?.ephemeral).toBe(true);
      expect(shown?.allowedMentions?.parse).toEqual([]);
    },
  );

  it('GIVEN a public deferral THEN its placeholder is removed so nothing is left in the channel', async () => {
    const handle = await fail('public-defer');
    expect((await handle.final()).deleted).toBe(true);
  });

  it('GIVEN an unexpected error THEN the member sees a reference and the failure is counted', async () => {
    const before = bot.ctx.failures.countSince(new Date(0));
    const handle = await fail('ephemeral-defer', true);
    const reply = await handle.final();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Something went wrong on our side \(ref `[0-9a-f]{8}`\)/);
    expect(reply.content).not.toContain('database exploded');
    expect(bot.ctx.failures.countSince(new Date(0))).toBe(before + 1);
  });
});
