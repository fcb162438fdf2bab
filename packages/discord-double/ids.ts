import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes encode milliseconds since it in their top 42 bits. */
const DISCORD_EPOCH = 1_420_070_400_000n;

let lastTimestamp = 0n;
let increment = 0n;

/**
 * A realistic, strictly increasing snowflake. Ordering matters: Discord sorts messages, threads and
 * commands by id, and discord.js derives `createdTimestamp` from it, so ids must be time-based.
 */
export function snowflake(at: number = Date.now()): string {
  const timestamp = BigInt(at) - DISCORD_EPOCH;
  if (timestamp > lastTimestamp) {
    lastTimestamp = timestamp;
    increment = 0n;
  } else if (increment < 0xfffn) {
    increment += 1n;
  } else {
    // 4096 ids in one millisecond: borrow the next millisecond rather than collide.
    lastTimestamp += 1n;
    increment = 0n;
  }
  // worker 1, process 0, 12-bit increment.
  return ((lastTimestamp << 22n) | (1n << 17n) | increment).toString();
}

/**
 * A snowflake owned by shard `shardId` of `shardCount` (`(id >> 22) % count`, the id's timestamp):
 * the next free millisecond that lands on it, so ids stay increasing.
 */
export function snowflakeOnShard(shardId: number, shardCount: number, at: number = Date.now()): string {
  let timestamp = BigInt(at) - DISCORD_EPOCH;
  if (timestamp <= lastTimestamp) timestamp = lastTimestamp + 1n;
  while (timestamp % BigInt(shardCount) !== BigInt(shardId)) timestamp += 1n;
  lastTimestamp = timestamp;
  increment = 0n;
  return ((timestamp << 22n) | (1n << 17n)).toString();
}

/** Interaction tokens are long opaque strings; tests only need them to be unique and unguessable. */
export function interactionToken(interactionId: string): string {
  return `aW50ZXJhY3Rpb246${interactionId}:${randomBytes(48).toString('base64url')}`;
}

/** Gateway session ids are 32 hex characters. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

export function isoNow(at: number = Date.now()): string {
  return new Date(at).toISOString();
}
