import { hostname } from 'node:os';

/** How a process names itself in claims and heartbeats: unique across machines and restarts. */
export function processName(): string {
  return `${hostname()}/${process.pid}`;
}
