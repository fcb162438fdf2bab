import type { APIEmbed } from 'discord.js';
import type { DeliveryCounts } from '../../core/outbox.js';
import type { Dialect, PoolUsage } from '../../db/connection.js';
import type { DatabaseHealth } from '../../db/health.js';
import { discordTime, relativeTime } from '../../shared/discord-time.js';
import { describeFleet, type FleetStatus } from '../../shared/fleet-status.js';
import { pluralize } from '../../shared/plural.js';
import { formatShardList, type ShardOwnership } from '../../shared/shards.js';
import { WAYMARK_COLOR } from '../embeds.js';

/** Which database the process is on; the location never carries credentials. */
export interface DatabasePlace {
  dialect: Dialect;
  location: string;
  /** PostgreSQL's pool right now; undefined for SQLite's one connection. */
  pool: PoolUsage | undefined;
}

/** Everything `/about` reports, gathered by the command. */
export interface AboutFacts {
  version: string;
  startedAt: Date;
  /** The gateway's ping in ms; negative until discord.js has measured one. */
  pingMs: number;
  database: DatabaseHealth;
  place: DatabasePlace;
  servers: number;
  failuresLastHour: number;
  processName: string;
  shards: ShardOwnership;
  /** The shard of the server /about was run in. */
  serverShard: number;
  fleet: FleetStatus;
  posts: DeliveryCounts;
}

/** The outbox in this server: what is still on its way, what gave up, and whether any of it is the member's. */
function describeDeliveries(posts: DeliveryCounts): string {
  const counts = `${posts.pending} pending · ${posts.failed} failed`;
  if (posts.failedForMember === 0) return counts;
  const yours =
    posts.failedForMember === 1 ? '1 of them is yours' : `${posts.failedForMember} of them are yours`;
  return `${counts}\n${yours}: Waymark could not post it after several tries. An admin can check Waymark’s permissions in the channel.`;
}

/** The SQLite file, or the PostgreSQL server and database with its pool, whose waiting queries say it is too small. */
function describeDatabasePlace(place: DatabasePlace): string {
  if (place.dialect === 'sqlite') {
    return `SQLite · ${place.location === ':memory:' ? 'in memory' : `\`${place.location}\``}`;
  }
  const { pool } = place;
  const usage = pool
    ? ` · pool: ${pool.inUse} in use, ${pool.idle} idle of ${pool.size}${pool.waiting > 0 ? `, ${pool.waiting} waiting` : ''}`
    : '';
  return `PostgreSQL · \`${place.location}\`${usage}`;
}

function describeDatabase(database: DatabaseHealth): string {
  return database.ok
    ? `OK · ${database.latencyMs.toFixed(1)} ms · ${pluralize(database.migrations, 'migration')}`
    : 'Unavailable — an admin should check the logs';
}

/**
 * `/about`'s embed as plain data, for `embedAsIs`. discord.js's builders run shapeshift on every
 * setter even with validators disabled (a `nullable()` predicate builds an error, stack trace and
 * all, before it accepts a value): more CPU than the rest of `/about`. Every value here is far
 * below Discord's limits by construction (the fleet field is at most 14 short lines).
 */
export function renderAboutEmbed(facts: AboutFacts): APIEmbed {
  return {
    color: WAYMARK_COLOR,
    title: 'Waymark',
    description: 'Roadmaps, progress and a weekly digest that keep a learning community accountable.',
    fields: [
      { name: 'Version', value: facts.version, inline: true },
      {
        name: 'Up since',
        value: `${discordTime(facts.startedAt)} (${relativeTime(facts.startedAt)})`,
        inline: true,
      },
      {
        name: 'Gateway ping',
        value: facts.pingMs >= 0 ? `${Math.round(facts.pingMs)} ms` : 'measuring…',
        inline: true,
      },
      { name: 'Database', value: describeDatabase(facts.database), inline: true },
      { name: 'Servers', value: String(facts.servers), inline: true },
      { name: 'Failures (last hour)', value: String(facts.failuresLastHour), inline: true },
      { name: 'Stored in', value: describeDatabasePlace(facts.place) },
      {
        name: 'This process',
        value: `${facts.processName} · shards ${formatShardList(facts.shards.owned)} of ${facts.shards.count} · this server on shard ${facts.serverShard}`,
      },
      { name: 'Fleet', value: describeFleet(facts.fleet) },
      { name: 'Posts to deliver', value: describeDeliveries(facts.posts), inline: false },
    ],
  };
}
