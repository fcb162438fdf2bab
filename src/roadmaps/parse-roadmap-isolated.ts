import { Worker } from 'node:worker_threads';
import type { ParsedRoadmap } from './parse-roadmap.js';
import { RoadmapParseError, type RoadmapParseErrorReason } from './roadmap-parse-error.js';

type WorkerReply =
  | { ok: true; roadmap: ParsedRoadmap }
  | { ok: false; reason: RoadmapParseErrorReason; message: string };

export const ISOLATED_PARSE_TIMEOUT_MS = 5_000;

// Compiled (dist/, what `npm start` runs) this module is .js and so is the worker; run from the
// TypeScript source (tests, the tsx scripts) both are .ts.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(`./parse-roadmap-worker.${COMPILED ? 'js' : 'ts'}`, import.meta.url).href;
// A worker does not inherit the TypeScript loader (Node 20 does not apply `--import` hooks to
// workers), so from the source its entry registers tsx itself before importing the TypeScript module.
const WORKER_BOOTSTRAP = COMPILED
  ? `import(${JSON.stringify(WORKER_URL)})`
  : `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

/**
 * Parses an uploaded roadmap in a worker thread with a deadline. Markdown lexing can turn
 * quadratic on hostile input; in a worker that costs one thread for a few seconds instead
 * of freezing every member's interactions, and the file is refused as too complex.
 */
export function parseRoadmapIsolated(
  source: Uint8Array,
  timeoutMs = ISOLATED_PARSE_TIMEOUT_MS,
): Promise<ParsedRoadmap> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: source });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new RoadmapParseError(
          'too-complex',
          'That file is too complex to read in time. Simplify deeply nested lists or very long lines and try again.',
        ),
      );
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) => {
      settle();
      if (reply.ok) resolve(reply.roadmap);
      else reject(new RoadmapParseError(reply.reason, reply.message));
    });
    worker.once('error', (error) => {
      settle();
      reject(
        new RoadmapParseError('unreadable', 'That file could not be read as a markdown roadmap.', {
          cause: error,
        }),
      );
    });
  });
}
