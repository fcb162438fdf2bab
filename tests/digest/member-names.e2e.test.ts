import { DiscordDouble } from '@waymark/discord-double';
import { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDisplayNames } from '../../src/discord/member-names.js';
import { TEST_TOKEN } from '../support/bot.js';

describe('member names for a server outside this process’s cache', () => {
  let double: DiscordDouble | undefined;
  afterEach(async () => {
    double?.assertNoUnhandledRequests();
    await double?.close();
  });

  it('GIVEN a server whose shard another process runs THEN names come over REST; a member who left is missing', async () => {
    double = await DiscordDouble.start({ token: TEST_TOKEN });
    // Never connected: its cache holds no server, as for another shard's servers.
    const client = new Client({ intents: [], rest: { api: double.restUrl } });
    client.rest.setToken(TEST_TOKEN);
    const left = double.addUser({ username: 'gone' });
    const names = await resolveDisplayNames(client, double.guild.id, [double.users.member.id, left.id]);
    expect([...names.keys()]).toEqual([double.users.member.id]);
    expect(names.get(double.users.member.id)).toBeTruthy();
    expect(
      double.requests.some((request) => request.path.startsWith(`/guilds/${double?.guild.id}/members/`)),
    ).toBe(true);
    await client.destroy();
  });
});
