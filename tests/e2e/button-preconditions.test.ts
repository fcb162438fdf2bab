import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { APIInteraction, APIMessageComponentInteraction } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { type ButtonPrecondition, defineCommand } from '../../src/discord/command.js';
import { buildCustomId } from '../../src/discord/custom-id.js';
import { UserError } from '../../src/shared/user-error.js';
import { useTestBot } from '../support/bot.js';

const presses: string[] = [];

const moderatorsOnly: ButtonPrecondition = {
  name: 'moderatorsOnly',
  async check(interaction) {
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages)) {
      throw new UserError('Only moderators can press this.');
    }
  },
};

/** A message with a guarded button and a plain one, to see the router check a press before it runs. */
const guardedCommand = defineCommand(
  { name: 'guarded', description: 'shows guarded buttons', contexts: [InteractionContextType.Guild] },
  {
    async execute(interaction) {
      const button = (action: string) =>
        new ButtonBuilder()
          .setCustomId(buildCustomId('guarded', action))
          .setLabel(action)
          .setStyle(ButtonStyle.Secondary);
      await interaction.reply({
        content: 'Press one.',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            button('guard'),
            button('open'),
            button('form'),
          ),
        ],
      });
    },
    buttons: {
      guard: {
        preconditions: [moderatorsOnly],
        async press(interaction) {
          presses.push(`guard by ${interaction.user.id}`);
          await interaction.reply({ content: 'Pressed.', flags: MessageFlags.Ephemeral });
        },
      },
      async open(interaction) {
        presses.push(`open by ${interaction.user.id}`);
        await interaction.reply({ content: 'Pressed.', flags: MessageFlags.Ephemeral });
      },
      // A form whose action the command no longer handles, as one left open across a deploy.
      async form(interaction) {
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId(buildCustomId('guarded', 'retired'))
            .setTitle('Retired')
            .addComponents(
              new ActionRowBuilder<TextInputBuilder>().addComponents(
                new TextInputBuilder().setCustomId('text').setLabel('Text').setStyle(TextInputStyle.Short),
              ),
            ),
        );
      },
    },
  },
);

describe('button preconditions, run by the router before the press', () => {
  const bot = useTestBot({ commands: [guardedCommand] });

  async function pressing(action: string, permissions: string) {
    const prompt = await (await bot.double.interact(bot.double.slash({ name: 'guarded' }))).final();
    const payload = bot.double.button({
      customId: `guarded:${action}`,
      message: prompt.message,
    }) as APIMessageComponentInteraction;
    payload.member = { ...payload.member!, permissions };
    return bot.double.interact(payload as APIInteraction);
  }
  const press = async (action: string, permissions: string) => (await pressing(action, permissions)).final();

  it('GIVEN a member the precondition refuses THEN they privately see why and the press never runs', async () => {
    presses.length = 0;
    const refused = await press('guard', '0');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('Only moderators can press this.');
    expect(presses).toEqual([]);
  });

  it('GIVEN a member the precondition allows THEN the press runs', async () => {
    presses.length = 0;
    const pressed = await press('guard', String(PermissionFlagsBits.ManageMessages));
    expect(pressed.content).toBe('Pressed.');
    expect(presses).toEqual([`guard by ${bot.double.users.member.id}`]);
  });

  it('GIVEN a button without preconditions THEN anyone’s press runs', async () => {
    presses.length = 0;
    expect((await press('open', '0')).content).toBe('Pressed.');
    expect(presses).toHaveLength(1);
  });

  it('GIVEN a form the command does not know THEN the member is told the form expired', async () => {
    const form = await (await pressing('form', '0')).modal();
    const refused = await (
      await bot.double.interact(bot.double.modalSubmit({ customId: form.custom_id, fields: { text: 'hi' } }))
    ).final();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('This form has expired. Run /guarded again.');
  });
});
