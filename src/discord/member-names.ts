import { type APIGuildMember, type Client, Routes } from 'discord.js';

const FETCH_CONCURRENCY = 5;

/**
 * Display names (server nickname, else global name, else username) for the members a digest
 * names. Without the privileged Guild Members intent the bot cannot list members, so each is
 * fetched by id over REST (cached by discord.js), a few at a time. Members who left are
 * missing from the map.
 */
export async function resolveDisplayNames(
  client: Client,
  guildId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const guild = client.guilds.cache.get(guildId);
  // A server outside this process's cache (another shard's, or unavailable during an outage)
  // is still asked over REST, which does not care which shard the server is on.
  const displayName = guild
    ? async (userId: string) => (await guild.members.fetch(userId).catch(() => null))?.displayName
    : async (userId: string) => {
        const member = (await client.rest
          .get(Routes.guildMember(guildId, userId))
          .catch(() => null)) as APIGuildMember | null;
        return member ? (member.nick ?? member.user.global_name ?? member.user.username) : undefined;
      };
  const queue = [...new Set(userIds)];
  async function worker(): Promise<void> {
    for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
      const name = await displayName(userId);
      if (name !== undefined) names.set(userId, name);
    }
  }
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  return names;
}
