import { parentPort, workerData } from 'node:worker_threads';
import { parseRoadmap } from './parse-roadmap.js';
import { RoadmapParseError } from './roadmap-parse-error.js';

// Runs one parse off the main thread; see parse-roadmap-isolated.ts for why.
const source = workerData as Uint8Array;
try {
  parentPort?.postMessage({ ok: true, roadmap: parseRoadmap(source) });
} catch (error) {
  const parseError = error instanceof RoadmapParseError ? error : null;
  parentPort?.postMessage({
    ok: false,
    reason: parseError?.reason ?? 'unreadable',
    message: parseError?.message ?? 'That file could not be read as a markdown roadmap.',
  });
}
