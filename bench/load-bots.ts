/**
 * What `npm run bench:load` drives: Discord doubles seeded like busy servers, Waymark's database
 * seeded to match, and both bots as child processes started the way `npm start` starts Waymark.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiscordDouble, shardOf } from '@waymark/discord-double';
import { type APIUser, InteractionContextType } from 'discord-api-types/v10';
import { build } from 'esbuild';
import { COMMAND_DEFINITIONS } from '../commands/index.js';
import { keepSourceAscii } from '../scripts/ascii-output.mjs';
import { openSqliteDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { parseRoadmap } from '../src/roadmaps/parse-roadmap.js';
import { createRoadmap } from '../src/roadmaps/store-roadmap.js';
import { findRoadmapTemplate } from '../src/roadmaps/templates/index.js';
import { generateRoadmapMarkdown } from '../tests/roadmaps/support/roadmap-fixtures.js';
import type { BotKind } from './load-report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_TOKEN = 'bench-load-token';

/** A server the load goes to: where interactions come from and which item ids /check may name. */
export interface LoadGuild {
  guildId: string;
  channelId: string;
  members: APIUser[];
  itemIds: number[];
}

export interface LoadWorld {
  double: DiscordDouble;
  guilds: LoadGuild[];
}

/** The 2,000-item roadmap (40 phases of 50), the same markdown for both bots. */
export const LARGE_ROADMAP = generateRoadmapMarkdown({ phases: 40, itemsPerPhase: 50 });

export function largeRoadmapLabels(): string[] {
  return parseRoadmap(LARGE_ROADMAP).items.map((item) => item.label);
}

/**
 * A double with `guildCount` servers of `membersPerGuild` members each. Members are shared
 * between servers when `sharedMembers`, as the load servers are two views of one community.
 */
export async function seedDouble(
  guildCount: number,
  membersPerGuild: number,
  sharedMembers: boolean,
  shards = 1,
) {
  const double = await DiscordDouble.start({
    token: BENCH_TOKEN,
    heartbeatIntervalMs: 41_250,
    shards,
    maxConcurrency: shards,
  });
  const shared = sharedMembers ? addUsers(double, membersPerGuild) : [];
  const guilds: Omit<LoadGuild, 'itemIds'>[] = [];
  // With several shards, server g goes to the g-th shard after the first server's, round robin.
  const firstShard = shardOf(double.guild.id, shards);
  for (let g = 0; g < guildCount; g += 1) {
    const guild =
      g === 0
        ? double.guild
        : double.addGuild({ ownerId: double.users.owner.id, shard: [(firstShard + g) % shards, shards] });
    const members = sharedMembers ? shared : addUsers(double, membersPerGuild);
    for (const member of members) {
      if (!guild.members.has(member.id)) double.addMember(member.id, { guildId: guild.id });
    }
    const channelId = double.state.guildChannels(guild.id)[0]!.id;
    guilds.push({ guildId: guild.id, channelId, members });
  }
  return { double, guilds };
}

function addUsers(double: DiscordDouble, count: number): APIUser[] {
  return Array.from({ length: count }, () => double.addUser());
}

/**
 * Registers, for the bare bot, Waymark's commands (so both bots receive the same payloads) and a
 * /ping, the way Waymark's own start-up sync registers its commands.
 */
export async function registerCommands(double: DiscordDouble): Promise<void> {
  const ping = { name: 'ping', description: 'Replies pong', contexts: [InteractionContextType.Guild] };
  const response = await fetch(`${double.restUrl}/v10/applications/${double.application.id}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([...COMMAND_DEFINITIONS, ping]),
  });
  if (!response.ok) throw new Error(`registering commands failed: ${response.status}`);
}

/**
 * Installs a roadmap in each server straight through the data layer (an import through
 * Discord would only add minutes of set-up), and returns each server's item ids.
 */
export async function seedWaymarkDatabase(
  databasePath: string,
  installs: { guildId: string; markdown: string; name: string }[],
): Promise<number[][]> {
  const handle = openSqliteDatabase(databasePath);
  try {
    await migrateToLatest(handle.db);
    const parsedByMarkdown = new Map<string, ReturnType<typeof parseRoadmap>>();
    const itemIds: number[][] = [];
    for (const install of installs) {
      let parsed = parsedByMarkdown.get(install.markdown);
      if (!parsed) {
        parsed = parseRoadmap(install.markdown);
        parsedByMarkdown.set(install.markdown, parsed);
      }
      const { roadmap } = await createRoadmap(handle.db, {
        guildId: install.guildId,
        userId: 'bench-admin',
        name: install.name,
        source: 'bench',
        parsed,
        at: new Date(),
        defaultTimezone: 'UTC',
      });
      const rows = await handle.db
        .selectFrom('roadmap_items')
        .select('id')
        .where('roadmap_id', '=', roadmap.id)
        .orderBy('id')
        .execute();
      itemIds.push(rows.map((row) => row.id));
    }
    return itemIds;
  } finally {
    await handle.close();
  }
}

export async function templateMarkdown(): Promise<string> {
  const template = findRoadmapTemplate('python-developer');
  if (!template) throw new Error('the python-developer template is missing');
  return template.load();
}

/** Folders this run made: a default run leaves ~50 MB of databases, removed when it exits. */
const scratchFolders: string[] = [];
process.once('exit', () => {
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
});

function scratchFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  scratchFolders.push(folder);
  return folder;
}

export function freshDatabasePath(): string {
  return join(scratchFolder('waymark-bench-load-'), 'waymark.sqlite');
}

/** Writes the labels the bare bot's autocomplete filters to a file it reads at start. */
export function writeBareLabels(labels: readonly string[]): string {
  const path = join(scratchFolder('waymark-bench-bare-'), 'labels.json');
  writeFileSync(path, JSON.stringify(labels));
  return path;
}

export interface BotProcessOptions {
  kind: BotKind;
  double: DiscordDouble;
  databasePath?: string;
  labelsPath?: string;
  /** Where `node --cpu-prof` writes the profile; no profile otherwise. */
  cpuProfileDir?: string;
  /** Waymark as `npm run start:cluster` runs it, this many shards per process. */
  shardsPerProcess?: number;
}

/** `npm start`'s prestart: compiles Waymark to dist/ unless it is up to date. */
export function buildWaymark(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Builds both bots the same way: the bare bot bundled with discord.js as scripts/build.mjs bundles
 * Waymark (its source kept ASCII too), so the ratios measure Waymark's own code, not how either
 * is packaged.
 */
export async function buildBots(): Promise<void> {
  buildWaymark();
  await build({
    entryPoints: [join(ROOT, 'bench/bare-bot.ts')],
    outdir: join(ROOT, 'dist/bench'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.18',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  keepSourceAscii(join(ROOT, 'dist/bench/bare-bot.js'));
}

/** Starts a bot as `npm start` starts Waymark after its build (see `buildBots`): plain `node <entry>`. */
export function spawnBot(options: BotProcessOptions): ChildProcess {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const entry =
    options.kind === 'bare'
      ? 'dist/bench/bare-bot.js'
      : options.shardsPerProcess
        ? 'dist/src/cluster.js'
        : 'dist/src/main.js';
  return spawn(process.execPath, [...profile, entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: BENCH_TOKEN,
      DISCORD_API_URL: options.double.restUrl,
      DATABASE_URL: options.databasePath ?? freshDatabasePath(),
      ...(options.labelsPath ? { BARE_LABELS: options.labelsPath } : {}),
      ...(options.shardsPerProcess ? { SHARDS_PER_PROCESS: String(options.shardsPerProcess) } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once the bot has READY and every GUILD_CREATE; fails at once if it exits first. */
export async function waitForReadyBot(double: DiscordDouble, child: ChildProcess): Promise<void> {
  let onExit: ((code: number | null) => void) | undefined;
  const exited = new Promise<never>((_resolve, reject) => {
    onExit = (code) => reject(new Error(`the bot exited with ${code} before READY`));
    child.once('exit', onExit);
  });
  try {
    await Promise.race([double.waitForReady(60_000), exited]);
  } finally {
    child.off('exit', onExit!);
  }
}

/** SIGTERM, as a process manager stops the bot, and waits for the exit. */
export async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident set size in MB, read from /proc (Linux, like the machines the bot runs on). */
export function residentMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time the process has used so far, in ms, all its threads (user + system), from /proc. A
 * shared machine skews throughput, but much less the CPU each interaction costs.
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
