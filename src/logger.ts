import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * JSON logs on stdout. Secrets and member-written text are redacted at the source
 * so that a log shipped elsewhere never carries them.
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'waymark' },
      redact: {
        paths: [
          'token',
          '*.token',
          'config.discordToken',
          'discordToken',
          'headers.authorization',
          '*.content',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
