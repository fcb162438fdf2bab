import { z } from 'zod';
import { isValidTimeZone } from './shared/time-zones.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** Empty strings in `.env` mean "not set", so optional variables fall back to their defaults. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const configSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .refine((token) => !/\s/.test(token), 'must not contain spaces'),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  DATABASE_URL: optional(z.string().trim().min(1)),
  DEFAULT_TIMEZONE: optional(
    z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC'),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
});

export interface Config {
  discordToken: string;
  /** When set, commands are registered in this guild only (instant updates while developing). */
  discordGuildId: string | null;
  discordApiUrl: string;
  /** A filesystem path, or `:memory:`. */
  databasePath: string;
  defaultTimezone: string;
  logLevel: (typeof LOG_LEVELS)[number];
}

export const DISCORD_API_URL_DEFAULT = 'https://discord.com/api';
export const DATABASE_URL_DEFAULT = './data/waymark.sqlite';

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

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    const reason =
      issue?.code === 'invalid_type' && env[variable] === undefined ? 'is required' : issue?.message;
    throw new ConfigError(`${variable} ${reason} (see .env.example)`);
  }
  const values = parsed.data;
  return {
    discordToken: values.DISCORD_TOKEN,
    discordGuildId: values.DISCORD_GUILD_ID ?? null,
    discordApiUrl: values.DISCORD_API_URL ?? DISCORD_API_URL_DEFAULT,
    databasePath: databasePathFromUrl(values.DATABASE_URL ?? DATABASE_URL_DEFAULT),
    defaultTimezone: values.DEFAULT_TIMEZONE ?? 'UTC',
    logLevel: values.LOG_LEVEL ?? 'info',
  };
}
