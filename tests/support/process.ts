import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { refuseInFastProject } from './project.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type BotProcess = ChildProcess & { stderrText: () => string };

/** Runs a Node entry point with only `env`: `args` as the npm script passes them to `node`. */
function startNode(args: string[], env: Record<string, string>, stdout: 'ignore' | 'pipe'): BotProcess {
  refuseInFastProject(`Spawning ${args.join(' ')}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return Object.assign(child, { stderrText: () => stderr });
}

/**
 * Runs the bot exactly as `npm start` does once its prestart build is done (the process project's
 * global setup runs that build), with only the given environment.
 */
export function startBotProcess(
  env: Record<string, string>,
  stdout: 'ignore' | 'pipe' = 'ignore',
): BotProcess {
  return startNode(['dist/src/main.js'], env, stdout);
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, ms: Date.now() - started })));
}

/**
 * Runs a TypeScript script to its end as its npm script does (e.g. `src/scripts/migrate.ts`),
 * with the arguments given after `npm run … --`.
 */
export async function runScript(
  script: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startNode(['--import', 'tsx', script, ...args], env, 'pipe');
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const { code } = await exitOf(child);
  return { code, stdout, stderr: child.stderrText() };
}

/** Runs the cluster launcher as `npm run start:cluster` does once its prestart build is done. */
export function startClusterProcess(
  env: Record<string, string>,
  stdout: 'ignore' | 'pipe' = 'ignore',
): BotProcess {
  return startNode(['dist/src/cluster.js'], env, stdout);
}
