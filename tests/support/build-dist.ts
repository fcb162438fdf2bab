import { execFileSync } from 'node:child_process';
import { ROOT } from './process.js';

/** The process project's global setup: `npm start`'s prestart build, once before any file spawns the bot. */
export default function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
