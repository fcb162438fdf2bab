import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { refuseInFastProject } from './project.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type BotProcess = ChildProcess & { stderrText: () => string };

/** Runs a TypeScript entry point as its npm script does (`node --import tsx …`), with only `env`. */
function startScript(script: string, env: Record<string, string>, stdout: 'ignore' | 'pipe'): BotProcess {
  refuseInFastProject(`Spawning ${script}`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
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

/** Runs the bot exactly as `npm start` does, with only the given environment. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  return startScript('src/main.ts', env, 'ignore');
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, ms: Date.now() - started })));
}

/** Runs a script (e.g. `src/scripts/backup-database.ts` for `npm run db:backup`) to its end. */
export async function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startScript(script, env, 'pipe');
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const { code } = await exitOf(child);
  return { code, stdout, stderr: child.stderrText() };
}
