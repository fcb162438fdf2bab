import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** An interaction token in a webhook or callback URL: a credential to answer as the bot for 15 minutes. */
const INTERACTION_TOKEN_IN_URL = /(\/(?:webhooks|interactions)\/\d+\/)[^/?]+/g;

type SerializedError = Record<string, unknown>;

/**
 * pino's error serializer, minus what discord.js REST errors (DiscordAPIError, HTTPError)
 * carry that must not be logged: the request body (member-written text, uploaded files) and
 * interaction tokens in the URL. Causes are scrubbed the same way.
 */
function scrubError(serialized: SerializedError): SerializedError {
  const { requestBody: _requestBody, ...kept } = serialized;
  if (typeof kept.url === 'string') kept.url = kept.url.replace(INTERACTION_TOKEN_IN_URL, '$1[redacted]');
  if (kept.cause && typeof kept.cause === 'object') kept.cause = scrubError(kept.cause as SerializedError);
  return kept;
}

/**
 * JSON logs on stdout. Secrets and member-written text are redacted at the source
 * so that a log shipped elsewhere never carries them.
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  // pino's own stdout destination already drops what it cannot write; another destination's
  // failure must not reach the code that logged either.
  if (destination && 'on' in destination && typeof destination.on === 'function') {
    destination.on('error', () => undefined);
  }
  return pino(
    {
      level,
      base: { app: 'waymark' },
      serializers: {
        err: (error: Error) => scrubError({ ...pino.stdSerializers.err(error) }),
      },
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
