import { hostname } from 'node:os';

let name: string | undefined;

/**
 * How a process names itself in claims and heartbeats: unique across machines and restarts.
 * Read once: it is this process's identity for its whole life (and `hostname()` is a system call
 * that `/about` would otherwise make on every use).
 */
export function processName(): string {
  name ??= `${hostname()}/${process.pid}`;
  return name;
}
