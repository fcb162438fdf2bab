import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies committed pages from the WAL into the database file. */
export const CHECKPOINT_INTERVAL_MS = 250;

/**
 * The bot's own connection checkpoints only when the WAL reaches this many pages (~16 MB) and
 * the worker has fallen behind. Checkpoints that run while the bot writes cannot reset the WAL
 * (new frames keep arriving), so under sustained writes this is also what starts it over: by
 * then the worker has copied nearly everything, so the bot's checkpoint is short.
 */
export const FOREGROUND_CHECKPOINT_PAGES = 4_000;

/** What `PRAGMA wal_checkpoint` reports: pages in the WAL, and how many of them are in the file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  /** One checkpoint now (tests and shutdown), on the worker's connection. */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

// Plain CommonJS evaluated in the worker: nothing to bundle or compile, and the same from the
// TypeScript source (tests) as from dist/. The driver is passed in as a resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') parentPort.postMessage(checkpoint());
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread with its own connection.
 *
 * With `synchronous = NORMAL` a commit only appends to the WAL; the cost is in checkpoints, which
 * copy pages into the database file and fsync both files. SQLite runs them inside whichever
 * commit crosses `wal_autocheckpoint` (1,000 pages), on the bot's only thread: measured on a
 * `/check`, that was more than half of the commit's time. A PASSIVE checkpoint from another
 * connection never blocks the bot's writes and leaves durability as it was (the WAL is still
 * synced before pages are copied, the file after).
 */
export function startWalCheckpointer(path: string, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    // A thread costs its own V8 heap: ~7.5 MB of RSS with these limits (~8.7 MB with the defaults).
    resourceLimits: {
      maxYoungGenerationSizeMb: 1,
      maxOldGenerationSizeMb: 8,
      codeRangeSizeMb: 2,
      stackSizeMb: 1,
    },
  });
  // It must never be what keeps a finished process alive.
  worker.unref();
  // A pending checkpoint() learns of a crash or exit; the bot's backstop checkpoints keep the WAL bounded.
  let failure: Error | undefined;
  const waiting = new Set<(outcome: CheckpointResult | Error) => void>();
  const settleAll = (outcome: CheckpointResult | Error) => {
    for (const settle of waiting) settle(outcome);
    waiting.clear();
  };
  worker.on('message', settleAll);
  worker.on('error', (error) => {
    failure = error;
    settleAll(error);
  });
  const stopped = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      failure ??= new Error('the WAL checkpointer has stopped');
      settleAll(failure);
      resolve();
    }),
  );
  return {
    checkpoint() {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.add((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      worker.postMessage('stop');
      await stopped;
    },
  };
}
