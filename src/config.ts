// Named imports, not the `z` namespace: the bundle then leaves out what the configuration does not
// use (most of zod, its locales above all), a quarter of what zod would add to start-up otherwise.
import {
  coerce,
  type output,
  preprocess,
  string,
  url,
  type ZodType,
  enum as zodEnum,
  object as zodObject,
} from 'zod';
import type { DatabaseTarget } from './db/connection.js';
import { isValidTimeZone } from './shared/time-zones.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const snowflake = string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** Empty strings in `.env` mean "not set", so optional variables fall back to their defaults. */
const optional = <T extends ZodType>(schema: T) =>
  preprocess((value) => (value === '' ? undefined : value), schema.optional());

const WHOLE_DAYS = 'must be a whole number of days, at least 1';
const POOL_SIZE = 'must be a whole number from 1 to 100';

/** What the database scripts (`db:migrate`, `db:backup`) need: no Discord token. */
const storageShape = {
  DATABASE_URL: optional(string().trim().min(1)),
  DATABASE_POOL_SIZE: optional(
    coerce.number({ error: POOL_SIZE }).int(POOL_SIZE).min(1, POOL_SIZE).max(100, POOL_SIZE),
  ),
  BACKUP_DIR: optional(string().trim().min(1)),
  BACKUP_DAILY: optional(
    zodEnum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true'),
  ),
  BACKUP_RETENTION_DAYS: optional(coerce.number({ error: WHOLE_DAYS }).int(WHOLE_DAYS).min(1, WHOLE_DAYS)),
};

const storageSchema = zodObject(storageShape);

const configSchema = zodObject({
  DISCORD_TOKEN: string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .refine((token) => !/\s/.test(token), 'must not contain spaces'),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(
    url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((value) =>
      value.replace(/\/+$/, ''),
    ),
  ),
  DEFAULT_TIMEZONE: optional(
    string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC'),
  ),
  LOG_LEVEL: optional(zodEnum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  ...storageShape,
});

export interface Config {
  discordToken: string;
  /** When set, commands are registered in this guild only (instant updates while developing). */
  discordGuildId: string | null;
  discordApiUrl: string;
  database: DatabaseTarget;
  defaultTimezone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Where `npm run db:backup` and the daily backup write. */
  backupDir: string;
  backupDaily: boolean;
  /** Backups older than this are deleted by the daily backup (the newest one is always kept). */
  backupRetentionDays: number;
}

export const DISCORD_API_URL_DEFAULT = 'https://discord.com/api';
export const DATABASE_URL_DEFAULT = './data/waymark.sqlite';
export const DATABASE_POOL_SIZE_DEFAULT = 10;
export const BACKUP_DIR_DEFAULT = './data/backups';

export type StorageConfig = Pick<Config, 'database' | 'backupDir' | 'backupDaily' | 'backupRetentionDays'>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Accepts a plain path or a `file:` URL (`file:./data/x.sqlite`, `file:///abs/x.sqlite`). */
export function databasePathFromUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const rest = url.slice('file:'.length);
  if (rest.startsWith('//')) return decodeURIComponent(new URL(url).pathname);
  return decodeURIComponent(rest.split('?')[0] ?? rest);
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const OTHER_URL = /^[a-z][a-z\d+.-]+:\/\//i;

/**
 * The dialect from the URL's scheme. A rejected URL is described, never echoed: it may carry
 * the password.
 */
export function databaseTargetFromUrl(
  url: string,
  poolSize = DATABASE_POOL_SIZE_DEFAULT,
  /** What the URL was given as, for the error: `db:copy` takes two. */
  name = 'DATABASE_URL',
): DatabaseTarget {
  if (POSTGRES_URL.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(
        `${name} is not a valid postgres:// URL (postgres://user:password@host:5432/database)`,
      );
    }
    const host = parsed.hostname || parsed.searchParams.get('host');
    if (!host || parsed.pathname.length <= 1) {
      throw new ConfigError(
        `${name} must name a host and a database (postgres://user:password@host:5432/database)`,
      );
    }
    return { dialect: 'postgres', url, poolSize };
  }
  if (OTHER_URL.test(url) && !url.startsWith('file:')) {
    throw new ConfigError(`${name} must be a SQLite file path, a file: URL or a postgres:// URL`);
  }
  return { dialect: 'sqlite', path: databasePathFromUrl(url) };
}

/** Parses `env` or throws a ConfigError of one line naming the first bad variable. */
function parseEnv<T extends ZodType>(schema: T, env: NodeJS.ProcessEnv): output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = String(issue?.path[0] ?? 'configuration');
  const reason =
    issue?.code === 'invalid_type' && env[variable] === undefined ? 'is required' : issue?.message;
  throw new ConfigError(`${variable} ${reason} (see .env.example)`);
}

function storageConfig(values: output<typeof storageSchema>): StorageConfig {
  return {
    database: databaseTargetFromUrl(
      values.DATABASE_URL ?? DATABASE_URL_DEFAULT,
      values.DATABASE_POOL_SIZE ?? DATABASE_POOL_SIZE_DEFAULT,
    ),
    backupDir: values.BACKUP_DIR ?? BACKUP_DIR_DEFAULT,
    backupDaily: values.BACKUP_DAILY ?? false,
    backupRetentionDays: values.BACKUP_RETENTION_DAYS ?? 14,
  };
}

/** The database and backup settings alone, for scripts that run without the bot. */
export function loadStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  return storageConfig(parseEnv(storageSchema, env));
}

const WHOLE_SHARDS = 'must be a whole number, at least 1';
const positive = optional(coerce.number({ error: WHOLE_SHARDS }).int(WHOLE_SHARDS).min(1, WHOLE_SHARDS));

const clusterSchema = zodObject({
  SHARD_COUNT: positive,
  SHARDS_PER_PROCESS: positive,
  SHARD_LIST: optional(string()),
});

/** What `npm run start:cluster` reads besides the bot's configuration. */
export interface ClusterConfig {
  /** Discord's recommendation (GET /gateway/bot) when unset. */
  shardCount: number | null;
  /** Shards per process; spread over the machine's cores when unset. */
  shardsPerProcess: number | null;
  /** The shards this machine runs, e.g. `0-7`; every shard when unset. Parsed once the count is known. */
  shardList: string;
}

export function loadClusterConfig(env: NodeJS.ProcessEnv): ClusterConfig {
  const values = parseEnv(clusterSchema, env);
  return {
    shardCount: values.SHARD_COUNT ?? null,
    shardsPerProcess: values.SHARDS_PER_PROCESS ?? null,
    shardList: values.SHARD_LIST ?? '',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const values = parseEnv(configSchema, env);
  return {
    discordToken: values.DISCORD_TOKEN,
    discordGuildId: values.DISCORD_GUILD_ID ?? null,
    discordApiUrl: values.DISCORD_API_URL ?? DISCORD_API_URL_DEFAULT,
    defaultTimezone: values.DEFAULT_TIMEZONE ?? 'UTC',
    logLevel: values.LOG_LEVEL ?? 'info',
    ...storageConfig(values),
  };
}
