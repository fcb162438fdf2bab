import type { Client } from 'discord.js';

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
  if (!guild) return names;
  const queue = [...new Set(userIds)];
  async function worker(): Promise<void> {
    for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
      const member = await guild?.members.fetch(userId).catch(() => null);
      if (member) names.set(userId, member.displayName);
    }
  }
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  return names;
}
