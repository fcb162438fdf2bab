import { once } from 'node:events';
import {
  Client,
  Events,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordDouble, shardOf } from '../index.js';

const TOKEN = 'test-token';
const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages;

let double: DiscordDouble | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  double?.assertNoUnhandledRequests();
  await double?.close();
  double = undefined;
});

/** A raw gateway connection: what a shard sends and how the double answers, without discord.js. */
async function identifyRaw(
  gatewayUrl: string,
  shard: [number, number] | undefined,
): Promise<{ op?: number; close?: number; d?: unknown }> {
  const socket = new WebSocket(`${gatewayUrl}?v=10&encoding=json`);
  await once(socket, 'open');
  const answer = new Promise<{ op?: number; close?: number; d?: unknown }>((resolve) => {
    socket.on('close', (code) => resolve({ close: code }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; t?: string; d: unknown };
      if (payload.op === GatewayOpcodes.Hello) return;
      resolve({ op: payload.op, d: payload.d });
    });
  });
  socket.send(
    JSON.stringify({
      op: GatewayOpcodes.Identify,
      d: { token: TOKEN, intents: INTENTS, properties: { os: 'linux', browser: 't', device: 't' }, shard },
    }),
  );
  const result = await answer;
  socket.terminate();
  return result;
}

/** A discord.js client running the given shards of `shardCount`, replying with its shard id. */
async function shardClient(shards: number[], shardCount: number): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: double!.restUrl },
    shards,
    shardCount,
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
  });
  clients.push(client);
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isChatInputCommand()) return;
    void interaction.reply({ content: `shard ${interaction.guild?.shardId}`, flags: MessageFlags.Ephemeral });
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return client;
}

describe('Discord double: sharding', () => {
  it('GET /gateway/bot recommends one shard per 1,000 guilds unless told, with max_concurrency', async () => {
    double = await DiscordDouble.start({ token: TOKEN, shards: 4, maxConcurrency: 2 });
    const answer = await fetch(`${double.restUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(await answer.json()).toMatchObject({
      url: double.gatewayUrl,
      shards: 4,
      session_start_limit: { max_concurrency: 2 },
    });
    await double.close();

    double = await DiscordDouble.start({ token: TOKEN });
    const small = await fetch(`${double.restUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(await small.json()).toMatchObject({ shards: 1, session_start_limit: { max_concurrency: 1 } });
  });

  it('GIVEN 2 shards THEN each guild’s GUILD_CREATE, messages and interactions reach only its shard', async () => {
    double = await DiscordDouble.start({ token: TOKEN, shards: 2 });
    const onZero = double.addGuild({ name: 'zero', shard: [0, 2] });
    const onOne = double.addGuild({ name: 'one', shard: [1, 2] });
    expect([shardOf(onZero.id, 2), shardOf(onOne.id, 2)]).toEqual([0, 1]);

    const [zero, one] = await Promise.all([shardClient([0], 2), shardClient([1], 2)]);
    await double.waitForShards(2);
    expect(double.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(zero.guilds.cache.has(onZero.id)).toBe(true);
    expect(zero.guilds.cache.has(onOne.id)).toBe(false);
    expect(one.guilds.cache.has(onOne.id)).toBe(true);
    expect(one.guilds.cache.has(onZero.id)).toBe(false);

    const heardBy: string[] = [];
    zero.on(Events.MessageCreate, () => heardBy.push('zero'));
    one.on(Events.MessageCreate, () => heardBy.push('one'));
    const [channelOfOne] = double.state.guildChannels(onOne.id);
    double.addMember(double.users.member.id, { guildId: onOne.id });
    double.userMessage({ channelId: channelOfOne!.id, userId: double.users.member.id, content: 'hi' });
    await vi.waitFor(() => expect(heardBy.length).toBeGreaterThan(0));

    await zero.application!.commands.set([{ name: 'where', description: 'Which shard answers' }]);
    const reply = await (
      await double.interact(double.slash({ name: 'where', channelId: channelOfOne!.id }))
    ).final();
    expect(reply.content).toBe('shard 1');
    expect(heardBy).toEqual(['one']);
  });

  it('GIVEN an event of no guild THEN only shard 0 receives it (Discord sends DMs there); a guild’s event only its shard', async () => {
    double = await DiscordDouble.start({ token: TOKEN, shards: 2 });
    const [zero, one] = await Promise.all([shardClient([0], 2), shardClient([1], 2)]);
    const heardBy: string[] = [];
    for (const [name, client] of [
      ['zero', zero],
      ['one', one],
    ] as const) {
      client.on(Events.Raw, (packet: { t?: string }) => {
        if (packet.t === 'USER_UPDATE' || packet.t === 'CHANNEL_CREATE') heardBy.push(`${packet.t} ${name}`);
      });
    }
    double.dispatch(GatewayDispatchEvents.UserUpdate, double.bot);
    double.addChannel({ name: 'fresh', guildId: double.guild.id });
    await vi.waitFor(() => expect(heardBy).toHaveLength(2));
    const owner = shardOf(double.guild.id, 2) === 0 ? 'zero' : 'one';
    expect(heardBy.sort()).toEqual([`CHANNEL_CREATE ${owner}`, 'USER_UPDATE zero']);
    expect(double.gateway.readyShards(2)).toEqual([0, 1]);
  });

  it('GIVEN an IDENTIFY for a shard outside its count THEN the double closes with 4010 Invalid shard', async () => {
    double = await DiscordDouble.start({ token: TOKEN });
    expect(await identifyRaw(double.gatewayUrl, [2, 2])).toEqual({ close: GatewayCloseCodes.InvalidShard });
    expect(await identifyRaw(double.gatewayUrl, [-1, 2])).toEqual({ close: GatewayCloseCodes.InvalidShard });
    expect(await identifyRaw(double.gatewayUrl, [0, 0])).toEqual({ close: GatewayCloseCodes.InvalidShard });
  });

  it('GIVEN more guilds than one session may hold THEN an unsharded IDENTIFY closes with 4011 and a sharded one is accepted', async () => {
    double = await DiscordDouble.start({ token: TOKEN, maxGuildsPerShard: 2 });
    double.addGuild({ shard: [0, 2] });
    double.addGuild({ shard: [1, 2] });
    expect(await identifyRaw(double.gatewayUrl, undefined)).toEqual({
      close: GatewayCloseCodes.ShardingRequired,
    });
    const accepted = await identifyRaw(double.gatewayUrl, [shardOf(double.guild.id, 2) === 0 ? 1 : 0, 2]);
    expect(accepted.op).toBe(GatewayOpcodes.Dispatch);
  });

  it('GIVEN the identify rate limit THEN a second IDENTIFY in a bucket within 5 s gets INVALID_SESSION, another bucket does not', async () => {
    double = await DiscordDouble.start({
      token: TOKEN,
      shards: 4,
      maxConcurrency: 2,
      enforceIdentifyRateLimit: true,
    });
    expect((await identifyRaw(double.gatewayUrl, [0, 4])).op).toBe(GatewayOpcodes.Dispatch);
    // Shard 1 is bucket 1 % 2 = 1: it may start in the same 5 seconds.
    expect((await identifyRaw(double.gatewayUrl, [1, 4])).op).toBe(GatewayOpcodes.Dispatch);
    // Shard 2 shares bucket 0 with shard 0.
    expect(await identifyRaw(double.gatewayUrl, [2, 4])).toEqual({
      op: GatewayOpcodes.InvalidSession,
      d: false,
    });
    expect(double.gateway.rateLimitedIdentifies).toBe(1);
  });
});
