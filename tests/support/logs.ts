import { Writable } from 'node:stream';
import type { Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';

export interface CapturedLogs {
  /** Pass as `startTestBot({ logger })`. */
  logger: Logger;
  /** Every line logged so far (one JSON record each). */
  lines(): string[];
}

/** A real logger whose output is kept in memory, for tests about what the bot logs. */
export function captureLogs(level: Config['logLevel']): CapturedLogs {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger(level, destination),
    lines: () => chunks.join('').split('\n').filter(Boolean),
  };
}
