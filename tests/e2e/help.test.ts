import type { APIEmbed } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { useTestBot } from '../support/bot.js';
import { installPythonTemplate, slashReply } from '../support/interact.js';

/** The checklist's lines, each starting with ✅ or ❌. */
function checklistOf(embed: APIEmbed | undefined): string[] {
  const field = embed?.fields?.find((candidate) => candidate.name.startsWith('Setup checklist'));
  return field ? field.value.split('\n') : [];
}

describe('/help through the Discord double', () => {
  const clock = fixedClock('2026-11-25T10:00:00Z');
  const bot = useTestBot({ clock });
  beforeEach(() => {
    clock.advance(60_000);
  });

  const help = (userId: string) => slashReply(bot.double, { name: 'help', user: userId });
  const idOf = (name: string) => bot.double.commandsOf().find((command) => command.name === name)?.id;

  it('GIVEN a member THEN /help privately shows what Waymark does and three first steps as clickable commands, without the setup checklist', async () => {
    const reply = await help(bot.double.users.member.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.allowedMentions?.parse).toEqual([]);
    const [embed] = reply.embeds;
    expect(embed?.description).toMatch(/^Waymark keeps this community learning together/);
    expect(embed?.fields?.[0]).toEqual({
      name: 'Get started',
      value: [
        `1. Follow a roadmap: </roadmap follow:${idOf('roadmap')}> (see them all with </roadmap list:${idOf('roadmap')}>).`,
        `2. Check items off as you learn: </check:${idOf('check')}>, and see where you stand with </roadmap view:${idOf('roadmap')}>.`,
        `3. Share what you learned: </learned:${idOf('learned')}>.`,
      ].join('\n'),
    });
    expect(checklistOf(embed)).toEqual([]);
  });

  it('GIVEN an admin on a server with nothing set up THEN every checklist line is ❌ with the command to run next', async () => {
    const reply = await help(bot.double.users.admin.id);
    expect(reply.ephemeral).toBe(true);
    const roadmap = idOf('roadmap');
    const digest = idOf('digest');
    expect(checklistOf(reply.embeds[0])).toEqual([
      `❌ Roadmap: none yet. Install one with </roadmap template:${roadmap}> or </roadmap import:${roadmap}>.`,
      `❌ Weekly digest: not set up. Choose its channel and time with </digest setup:${digest}>.`,
      `❌ Waymark’s permissions in the digest channel: checked once </digest setup:${digest}> picks a channel.`,
      `❌ Nudges: off. Turn them on with </settings:${idOf('settings')}> \`server-nudges:True\` (members then opt in).`,
    ]);
  });

  it('GIVEN an admin on a server with a roadmap, the digest and nudges set up THEN every checklist line is ✅', async () => {
    await installPythonTemplate(bot.double);
    const admin = bot.double.users.admin.id;
    const progress = bot.double.channels.progress.id;
    const setup = await slashReply(bot.double, {
      name: 'digest',
      subcommand: 'setup',
      user: admin,
      options: { channel: { channel: progress }, day: 'monday', hour: 9, timezone: 'Europe/Berlin' },
    });
    expect(setup.content).toMatch(/^The weekly digest posts in/);
    await slashReply(bot.double, { name: 'settings', user: admin, options: { 'server-nudges': true } });

    const reply = await help(admin);
    expect(checklistOf(reply.embeds[0])).toEqual([
      '✅ Roadmap: **python-developer** is the default.',
      `✅ Weekly digest: <#${progress}>, Mondays at 09:00 (Europe/Berlin).`,
      `✅ Waymark can post the digest in <#${progress}> (View Channel, Send Messages, Embed Links, Attach Files, Read Message History, Create Public Threads).`,
      `✅ Nudges: on. Members who opt in with </settings:${idOf('settings')}> \`nudges:True\` get a DM after 7 quiet days.`,
    ]);
  });

  it('GIVEN the digest channel lost permissions Waymark needs THEN that line is ❌ and names them', async () => {
    const progress = bot.double.channels.progress.id;
    bot.double.setBotPermissions(
      progress,
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.ReadMessageHistory,
    );
    const reply = await help(bot.double.users.admin.id);
    expect(checklistOf(reply.embeds[0])[2]).toBe(
      `❌ Waymark is missing Embed Links, Attach Files, Create Public Threads in <#${progress}>. Grant them to Waymark in that channel’s permissions, then check again with </help:${idOf('help')}>.`,
    );
  });
});
