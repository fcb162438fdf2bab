import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputApplicationCommandData,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Guild,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiscordDouble, PRIVILEGED_INTENTS } from '../index.js';

const ACK_WINDOW_MS = 1000;

let double: DiscordDouble;
let client: Client;
/** What the /late handler got when it answered after the ack window. */
let lateError: unknown;

const commands: ChatInputApplicationCommandData[] = [
  {
    name: 'ping',
    description: 'Replies privately',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'text', description: 'Echoed back', required: true },
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Pick one',
        autocomplete: true,
      },
    ],
  },
  { name: 'late', description: 'Answers too late' },
];

/** A tiny bot: just enough behaviour to exercise the double through real discord.js. */
async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused();
    await interaction.respond([{ name: `topic ${typed}`, value: typed || 'none' }]);
  } else if (interaction.isButton()) {
    await interaction.update({ content: 'clicked', components: [] });
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply({
      content: `pong: ${interaction.options.getString('text', true)} @everyone`,
      allowedMentions: { parse: [] },
      files: [{ attachment: Buffer.from('# roadmap\n- [ ] item'), name: 'roadmap.md' }],
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary),
        ),
      ],
    });
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'late') {
    await sleep(ACK_WINDOW_MS + 100);
    lateError = await interaction.deferReply().catch((error: unknown) => error);
  }
}

function general(): TextChannel {
  return client.channels.cache.get(double.channels.general.id) as TextChannel;
}

beforeAll(async () => {
  double = await DiscordDouble.start({ interactionAckWindowMs: ACK_WINDOW_MS });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: double.restUrl } });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  const ready = once(client, Events.ClientReady);
  await client.login('test-token');
  await ready;
  await double.waitForReady();
});

afterEach(() => double.assertNoUnhandledRequests());

afterAll(async () => {
  await client?.destroy();
  await double?.close();
});

describe('Discord double', () => {
  it('brings discord.js to ready with the guild, channels and permissions cached', () => {
    const guild = client.guilds.cache.get(double.guild.id);
    expect(guild?.name).toBe(double.guild.name);
    expect(guild?.channels.cache.has(double.channels.general.id)).toBe(true);
    expect(guild?.members.me?.id).toBe(double.bot.id);
    expect(general().permissionsFor(guild!.members.me!).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(client.application?.id).toBe(double.application.id);
    expect(double.gateway.intents).toBe(GatewayIntentBits.Guilds);
    expect((double.gateway.intents ?? 0) & PRIVILEGED_INTENTS).toBe(0);
    expect(double.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
  });

  it('stores commands registered by discord.js and keeps versions when nothing changed', async () => {
    await client.application!.commands.set(commands);
    const first = double.commandsOf().map((c) => c.version);
    await client.application!.commands.set(commands);
    expect(double.commandPuts.global).toBe(2);
    expect(double.commandsOf().map((c) => c.name)).toEqual(['ping', 'late']);
    expect(double.commandsOf().map((c) => c.version)).toEqual(first);
  });

  it('drives a slash command through defer + editReply (multipart) and reports the settled result', async () => {
    const r = await double.interact(double.slash({ name: 'ping', options: { text: 'hi' } }));
    const final = await r.final();
    expect(final).toMatchObject({
      type: 5,
      content: 'pong: hi @everyone',
      ephemeral: true,
      allowedMentions: { parse: [] },
    });
    expect(final.message.mention_everyone).toBe(false);
    expect(final.attachments[0]?.filename).toBe('roadmap.md');
    expect(final.attachments[0]?.data.toString()).toContain('- [ ] item');
    expect(r.timeToAck).toBeLessThan(ACK_WINDOW_MS);
    // Ephemeral replies are not channel messages.
    expect(double.messagesIn(double.channels.general.id)).toHaveLength(0);

    const clicked = await double.interact(double.button({ customId: 'again', message: final.message }));
    expect(await clicked.final()).toMatchObject({ type: 7, content: 'clicked', components: [] });

    const second = client.rest.post(Routes.interactionCallback(r.payload.id, r.payload.token), {
      body: { type: 4, data: { content: 'again' } },
      auth: false,
    });
    await expect(second).rejects.toMatchObject({ code: 40060, status: 400 });
  });

  it('answers autocomplete with the focused option', async () => {
    const r = await double.interact(
      double.autocomplete({ name: 'ping', options: { text: 'x' }, focused: 'topic' }),
    );
    expect(await r.choices()).toEqual([{ name: 'topic ', value: 'none' }]);
  });

  it('refuses an acknowledgement after the ack window with 10062', async () => {
    const r = await double.interact(double.slash({ name: 'late' }));
    await vi.waitFor(() => expect(lateError).toBeInstanceOf(DiscordAPIError), { timeout: ACK_WINDOW_MS * 3 });
    expect(lateError).toMatchObject({ code: 10062, status: 404 });
    expect(r.timeToAck).toBeUndefined();
  });

  it('GIVEN a callback listener THEN it hears each accepted callback once, and not a late one', async () => {
    const heard: { id: string; type: number }[] = [];
    const stop = double.onInteractionCallback((record, callback) =>
      heard.push({ id: record.payload.id, type: callback.type }),
    );
    const answered = await double.interact(
      double.autocomplete({ name: 'ping', options: { text: 'x' }, focused: 'topic' }),
    );
    await answered.choices();
    lateError = undefined;
    const late = await double.interact(double.slash({ name: 'late' }));
    await vi.waitFor(() => expect(lateError).toBeInstanceOf(DiscordAPIError), { timeout: ACK_WINDOW_MS * 3 });
    stop();
    const afterStop = await double.interact(
      double.autocomplete({ name: 'ping', options: { text: 'y' }, focused: 'topic' }),
    );
    await afterStop.choices();

    expect(heard).toEqual([{ id: answered.payload.id, type: 8 }]);
    expect(heard.map((h) => h.id)).not.toContain(late.payload.id);
  });

  it('validates message limits like Discord (50035 Invalid Form Body)', async () => {
    const error = await general()
      .send('x'.repeat(2001))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    expect(double.messagesIn(double.channels.general.id)).toHaveLength(0);
  });

  it('keeps an attachment’s description (alt text) and refuses one over 1,024 characters', async () => {
    const sent = await general().send({
      files: [{ attachment: Buffer.from('png'), name: 'chart.png', description: 'Bars per day' }],
    });
    expect(sent.attachments.first()?.description).toBe('Bars per day');
    expect(double.messagesIn(double.channels.general.id).at(-1)?.files[0]?.description).toBe('Bars per day');
    await sent.delete();
    const error = await general()
      .send({ files: [{ attachment: Buffer.from('png'), name: 'chart.png', description: 'x'.repeat(1025) }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 50035,
      rawError: {
        errors: { attachments: { 0: { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
      },
    });
  });

  it('GIVEN a hosted attachment fetched THEN the download is listed apart from the REST calls', async () => {
    const attachment = double.hostAttachment('notes.md', 'text/markdown', '# Notes');
    expect(double.downloads).not.toContain(new URL(attachment.url).pathname);
    const response = await fetch(attachment.url);
    expect(await response.text()).toBe('# Notes');
    expect(double.downloads).toContain(new URL(attachment.url).pathname);
    expect(double.requests.some((request) => request.path.startsWith('/attachments/'))).toBe(false);
  });

  it('records routes it does not implement instead of hiding them', async () => {
    await expect(client.rest.get(Routes.guildAuditLog(double.guild.id))).rejects.toMatchObject({
      status: 404,
    });
    expect(double.unhandledRequests).toEqual([
      expect.objectContaining({ method: 'GET', path: `/guilds/${double.guild.id}/audit-logs` }),
    ]);
    expect(() => double.assertNoUnhandledRequests()).toThrow(/audit-logs/);
    double.clearUnhandledRequests();
  });

  it('resumes after a resumable disconnect and replays what was dispatched meanwhile', async () => {
    const seen: string[] = [];
    const onRaw = (packet: { t: string | null }) => {
      if (packet.t) seen.push(packet.t);
    };
    client.on(Events.Raw, onRaw);
    const resumed = once(client, Events.ShardResume);
    double.disconnect({ resumable: true });
    const channel = double.addChannel({ name: 'during-outage' });
    await resumed;
    client.off(Events.Raw, onRaw);
    expect(seen).toEqual(['CHANNEL_CREATE', 'RESUMED']);
    expect(client.channels.cache.has(channel.id)).toBe(true);
    expect(double.gateway.identifies).toHaveLength(1);
    expect(double.gateway.resumes).toEqual([
      expect.objectContaining({ replayed: 1, path: '/gateway/resume' }),
    ]);
  });

  it('makes discord.js honour a 429 retry-after and retry', async () => {
    const path = `/channels/${double.channels.general.id}/messages`;
    double.failNext({ method: 'POST', path, status: 429, retryAfter: 0.2 });
    const since = Date.now();
    await general().send({ content: 'after the rate limit', allowedMentions: { parse: [] } });
    const attempts = double.requests.filter((r) => r.method === 'POST' && r.path === path && r.at >= since);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(double.messagesIn(double.channels.general.id).map((m) => m.content)).toEqual([
      'after the rate limit',
    ]);
  });

  it('announces a server joined after READY with GUILD_CREATE, its system channel included or absent', async () => {
    const joined: Guild[] = [];
    const onJoin = (guild: Guild) => joined.push(guild);
    client.on(Events.GuildCreate, onJoin);
    const withNotices = double.addGuild({ name: 'Joined later' });
    const withoutNotices = double.addGuild({ name: 'No notices', systemChannel: false });
    await vi.waitFor(() => expect(joined).toHaveLength(2));
    client.off(Events.GuildCreate, onJoin);
    const [general] = double.state.guildChannels(withNotices.id);
    expect(joined[0]).toMatchObject({ id: withNotices.id, systemChannelId: general!.id });
    expect(joined[0]!.members.me?.id).toBe(double.bot.id);
    expect(joined[1]).toMatchObject({ id: withoutNotices.id, systemChannelId: null });
  });

  it('refuses DMs to a user who closed them with 50007', async () => {
    double.closeDms(double.users.member.id);
    const error = await client.users.send(double.users.member.id, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
    expect(double.dmsTo(double.users.member.id)).toHaveLength(0);
  });

  describe('message nonces, as Discord documents them', () => {
    async function freshChannel(name: string): Promise<TextChannel> {
      return (await client.channels.fetch(double.addChannel({ name }).id)) as TextChannel;
    }

    it('GIVEN enforce_nonce THEN a second POST with the same nonce returns the first message instead of a new one', async () => {
      const channel = await freshChannel('nonces');
      const first = await channel.send({ content: 'once', nonce: 'waymark-1', enforceNonce: true });
      const again = await channel.send({ content: 'once', nonce: 'waymark-1', enforceNonce: true });
      const other = await channel.send({ content: 'other', nonce: 'waymark-2', enforceNonce: true });
      expect(again.id).toBe(first.id);
      expect(other.id).not.toBe(first.id);
      expect(double.messagesIn(channel.id).map((m) => m.content)).toEqual(['once', 'other']);
      // Only the create answer echoes the nonce; a fetched message does not carry it.
      const fetched = await double.waitFor(() => double.messagesIn(channel.id)[0]);
      expect(fetched.id).toBe(first.id);
      const listed = await client.rest.get(Routes.channelMessages(channel.id));
      expect((listed as { nonce?: string }[]).every((m) => m.nonce === undefined)).toBe(true);
    });

    it('GIVEN a nonce without enforce_nonce, in another channel, or past the window THEN a new message is created', async () => {
      const short = await DiscordDouble.start({ nonceWindowMs: 100 });
      const other = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: short.restUrl } });
      other.rest.setToken('test-token');
      try {
        const channelId = short.channels.general.id;
        const post = (nonce: string | number, enforce: boolean, channel = channelId) =>
          other.rest.post(Routes.channelMessages(channel), {
            body: { content: 'hi', nonce, enforce_nonce: enforce },
          }) as Promise<{ id: string }>;
        const first = await post(7, true);
        expect((await post(7, true)).id).toBe(first.id);
        expect((await post(7, false)).id).not.toBe(first.id);
        expect((await post(7, true, short.channels.progress.id)).id).not.toBe(first.id);
        await sleep(150);
        expect((await post(7, true)).id).not.toBe(first.id);
        const tooLong = await post('x'.repeat(26), true).catch((e: unknown) => e);
        expect(tooLong).toMatchObject({
          code: 50035,
          rawError: { errors: { nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
        });
        short.assertNoUnhandledRequests();
      } finally {
        await other.destroy();
        await short.close();
      }
    });

    it('GIVEN a 502 after carrying the post out THEN discord.js retries, and enforce_nonce keeps it one message', async () => {
      const channel = await freshChannel('carried-out');
      const path = `/channels/${channel.id}/messages`;
      double.failNext({ method: 'POST', path, status: 502, afterCarryingOut: true });
      const sent = await channel.send({ content: 'exactly once', nonce: 'n-502', enforceNonce: true });
      const attempts = double.requests.filter((r) => r.method === 'POST' && r.path === path);
      expect(attempts.map((r) => r.status)).toEqual([502, 200]);
      expect(double.messagesIn(channel.id).map((m) => m.id)).toEqual([sent.id]);

      double.failNext({ method: 'POST', path, status: 502, afterCarryingOut: true });
      await channel.send({ content: 'twice without a nonce', enforceNonce: false });
      expect(double.messagesIn(channel.id).map((m) => m.content)).toEqual([
        'exactly once',
        'twice without a nonce',
        'twice without a nonce',
      ]);
    });
  });
});
