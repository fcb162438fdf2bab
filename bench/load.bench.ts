/**
 * `npm run bench:load`: Waymark side by side with a bare discord.js bot, both as child processes
 * against in-process Discord doubles, scenario by scenario (bare, then Waymark), repeated in
 * rounds; medians are compared. Latency is dispatch on the gateway → the double receiving the
 * interaction callback. `--quick` runs a small version in seconds; `--profile` runs only the
 * 500/s overload with `node --cpu-prof` on Waymark.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DiscordDouble } from '@waymark/discord-double';
import type { AutocompleteInteraction } from 'discord.js';
import type { APIInteraction } from 'discord-api-types/v10';
import { respondWithItemChoices } from '../commands/options/item-option.js';
import type { AppContext } from '../src/context.js';
import { openSqliteDatabase } from '../src/db/connection.js';
import { percentile } from './bench-utils.js';
import {
  buildBots,
  freshDatabasePath,
  LARGE_ROADMAP,
  type LoadGuild,
  largeRoadmapLabels,
  processCpuMs,
  registerCommands,
  residentMb,
  seedDouble,
  seedWaymarkDatabase,
  spawnBot,
  stopBot,
  templateMarkdown,
  waitForReadyBot,
  writeBareLabels,
} from './load-bots.js';
import type { BotKind } from './load-report.js';
import { ACK_WINDOW_MS, buildLoadReport, type LoadReport, p99, type Samples } from './load-report.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const KINDS: readonly BotKind[] = ['bare', 'waymark'];
const CONCURRENCY = 64;
/** No REST call from the bot for this long: it has finished its backlog. */
const QUIET_MS = 500;
const SETTLE_LIMIT_MS = 120_000;
const WARM_UP_INTERACTIONS = 150;
/** Few enough in flight that even a slow bot answers within Discord's window while warming up. */
const WARM_UP_CONCURRENCY = 4;
const STATUSES = ['done', 'learning', 'todo'] as const;

export interface LoadPlan {
  name: 'default' | 'quick';
  rounds: number;
  /** Length of each open- and closed-loop scenario. */
  seconds: number;
  /** Members of each load server; /check round-robins over them to stay under the rate limit (8 per 20 s). */
  members: number;
  rssGuilds: number;
  rssMembersPerGuild: number;
  rssInteractions: number;
  /** Keystrokes timed in process for the server-side autocomplete p99. */
  keystrokes: number;
}

const DEFAULT_PLAN: LoadPlan = {
  name: 'default',
  rounds: 3,
  seconds: 4,
  members: 5_000,
  rssGuilds: 1_000,
  rssMembersPerGuild: 100,
  rssInteractions: 10_000,
  keystrokes: 5_000,
};

const QUICK_PLAN: LoadPlan = {
  name: 'quick',
  rounds: 1,
  seconds: 2,
  members: 1_000,
  rssGuilds: 50,
  rssMembersPerGuild: 100,
  rssInteractions: 1_000,
  keystrokes: 1_000,
};

// ------------------------------------------------------------------------------- measuring

/** Times interactions sent on one double: dispatch → accepted callback, without a waiter each. */
export class LoadMeter {
  private readonly sentAt = new Map<string, number>();
  latencies: number[] = [];
  onAnswer: (() => void) | undefined;

  constructor(private readonly double: DiscordDouble) {
    double.onInteractionCallback((record) => {
      const sent = this.sentAt.get(record.payload.id);
      if (sent === undefined) return;
      this.sentAt.delete(record.payload.id);
      this.latencies.push(performance.now() - sent);
      this.onAnswer?.();
    });
  }

  send(payload: APIInteraction): void {
    this.sentAt.set(payload.id, performance.now());
    void this.double.interact(payload);
  }

  get pending(): number {
    return this.sentAt.size;
  }

  reset(): void {
    this.latencies = [];
    this.sentAt.clear();
    this.onAnswer = undefined;
  }

  /** Forgets interactions Discord has given up on (past the ack window); returns how many. */
  expire(): number {
    const cutoff = performance.now() - ACK_WINDOW_MS - 100;
    let expired = 0;
    for (const [id, at] of this.sentAt) {
      if (at < cutoff) {
        this.sentAt.delete(id);
        expired += 1;
      }
    }
    return expired;
  }

  /**
   * Waits for the answers still due, then for the bot to go quiet: a bot that fell behind keeps
   * working through interactions Discord already gave up on, and the next scenario must not
   * inherit that backlog.
   */
  async drain(settle = true): Promise<void> {
    const until = performance.now() + ACK_WINDOW_MS + 500;
    while (this.pending > 0 && performance.now() < until) await sleep(20);
    if (!settle) return;
    const quietSince = () => Date.now() - (this.double.requests.at(-1)?.at ?? 0);
    const giveUp = performance.now() + SETTLE_LIMIT_MS;
    while (quietSince() < QUIET_MS && performance.now() < giveUp) await sleep(50);
  }
}

/** Peak resident memory of a process, sampled every 100 ms. */
function sampleRss(pid: number | undefined): { stop(): number } {
  let peak = residentMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentMb(pid));
    },
  };
}

export interface OpenLoopResult {
  sent: number;
  unanswered: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

/** Sends `rate` interactions per second on schedule, whatever the bot's pace (open loop). */
export async function openLoop(
  bot: RunningBot,
  rate: number,
  seconds: number,
  make: () => APIInteraction,
  settle = true,
): Promise<OpenLoopResult> {
  const count = Math.max(1, Math.round(rate * seconds));
  const payloads = Array.from({ length: count }, make);
  const meter = bot.meter;
  meter.reset();
  const rss = sampleRss(bot.child.pid);
  const start = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) meter.send(payloads[sent++]!);
    await sleep(2);
  }
  await meter.drain(settle);
  const unanswered = count - meter.latencies.length;
  const sorted = [...meter.latencies].sort((a, b) => a - b);
  return {
    sent: count,
    unanswered,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: p99(sorted, unanswered),
    peakRssMb: rss.stop(),
  };
}

/**
 * Keeps `concurrency` interactions in flight for `seconds`, or until `count` are done with
 * (answered, or given up on by Discord: a bot that falls behind must not stall the run).
 */
export async function closedLoop(
  bot: RunningBot,
  limit: { seconds: number } | { count: number },
  make: () => APIInteraction,
  concurrency = CONCURRENCY,
): Promise<{ perSecond: number; answered: number; expired: number; p99Ms: number; cpuMsPerAnswer: number }> {
  const meter = bot.meter;
  meter.reset();
  const cpuBefore = processCpuMs(bot.child.pid);
  let issuing = true;
  const next = () => {
    if (issuing) meter.send(make());
  };
  meter.onAnswer = next;
  const start = performance.now();
  for (let i = 0; i < concurrency; i += 1) next();
  let expired = 0;
  const done = () =>
    'seconds' in limit
      ? performance.now() - start >= limit.seconds * 1000
      : meter.latencies.length + expired >= limit.count;
  while (!done()) {
    await sleep(20);
    // An interaction Discord gave up on frees its slot, as a member would try again.
    for (let now = meter.expire(); now > 0; now -= 1) {
      expired += 1;
      next();
    }
  }
  issuing = false;
  const elapsedS = (performance.now() - start) / 1000;
  const answered = meter.latencies.length;
  const cpuMsPerAnswer = (processCpuMs(bot.child.pid) - cpuBefore) / answered;
  const sorted = [...meter.latencies].sort((a, b) => a - b);
  await meter.drain();
  return {
    perSecond: answered / elapsedS,
    answered,
    expired,
    p99Ms: percentile(sorted, 0.99),
    cpuMsPerAnswer,
  };
}

// ------------------------------------------------------------------------------------ bots

export interface RunningBot {
  kind: BotKind;
  child: ChildProcess;
  /** Starts the same bot again against the same Discord and database (the long-running load bots). */
  restart?: () => ChildProcess;
  double: DiscordDouble;
  meter: LoadMeter;
  /** [template server, 2,000-item server]. */
  guilds: LoadGuild[];
  cursor: number;
}

/** Interactions of one member after another, so no member reaches the rate limit. */
function nextMember(bot: RunningBot, guild: LoadGuild) {
  bot.cursor += 1;
  return { n: bot.cursor, user: guild.members[bot.cursor % guild.members.length]!.id };
}

export function check(bot: RunningBot, guild: LoadGuild): APIInteraction {
  const { n, user } = nextMember(bot, guild);
  // Spread over items and statuses so most /checks change something, as real ones do.
  const item = guild.itemIds[(n * 7919) % guild.itemIds.length]!;
  return bot.double.slash({
    name: 'check',
    user,
    channelId: guild.channelId,
    options: { item: String(item), status: STATUSES[n % STATUSES.length]! },
  });
}

function plain(bot: RunningBot, guild: LoadGuild, name: 'ping' | 'about'): APIInteraction {
  return bot.double.slash({ name, user: nextMember(bot, guild).user, channelId: guild.channelId });
}

/** What a member has typed so far: the start of a word of some item's label. */
function typedQueries(labels: readonly string[]): () => string {
  const words = labels.flatMap((label) =>
    label
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4),
  );
  let n = 0;
  return () => {
    n += 1;
    const word = words[(n * 104_729) % words.length]!;
    return word.slice(0, 3 + (n % (word.length - 2)));
  };
}

function autocomplete(bot: RunningBot, guild: LoadGuild, typed: string): APIInteraction {
  return bot.double.autocomplete({
    name: 'check',
    focused: 'item',
    options: { item: typed },
    user: nextMember(bot, guild).user,
    channelId: guild.channelId,
  });
}

async function startLoadBots(plan: LoadPlan, labelsPath: string): Promise<Record<BotKind, RunningBot>> {
  const template = await templateMarkdown();
  const bots = {} as Record<BotKind, RunningBot>;
  for (const kind of KINDS) {
    const { double, guilds } = await seedDouble(2, plan.members, true);
    const databasePath = freshDatabasePath();
    const [templateIds, largeIds] = await seedWaymarkDatabase(databasePath, [
      { guildId: guilds[0]!.guildId, markdown: template, name: 'python-developer' },
      { guildId: guilds[1]!.guildId, markdown: LARGE_ROADMAP, name: 'large' },
    ]);
    if (kind === 'bare') await registerCommands(double);
    const start = () => spawnBot({ kind, double, databasePath, labelsPath });
    bots[kind] = await readyBot(
      kind,
      start(),
      double,
      [
        { ...guilds[0]!, itemIds: templateIds! },
        { ...guilds[1]!, itemIds: largeIds! },
      ],
      start,
    );
    await warmUp(bots[kind]);
  }
  return bots;
}

/**
 * After an overload a bot works through minutes of interactions Discord gave up on; a fresh,
 * warmed-up process (same Discord, same database) measures the next round instead of that backlog.
 */
async function restartBot(bot: RunningBot): Promise<void> {
  if (!bot.restart) throw new Error(`the ${bot.kind} bot cannot be restarted`);
  await stopBot(bot.child);
  bot.child = bot.restart();
  await waitForReadyBot(bot.double, bot.child);
  await warmUp(bot);
}

/** A running bot has its hot paths compiled and its caches filled; measure that, not a cold start. */
export async function warmUp(bot: RunningBot): Promise<void> {
  const [template, large] = bot.guilds;
  const typed = typedQueries(largeRoadmapLabels());
  let n = 0;
  await closedLoop(
    bot,
    { count: WARM_UP_INTERACTIONS },
    () => {
      n += 1;
      if (n % 3 === 0) return autocomplete(bot, large!, typed());
      return check(bot, n % 3 === 1 ? template! : large!);
    },
    WARM_UP_CONCURRENCY,
  );
}

/** Waymark registers its commands just after READY; interactions are built from them. */
export async function waitForCommands(double: DiscordDouble): Promise<void> {
  await double.waitFor(() => double.commandsOf().find((command) => command.name === 'check'), {
    timeoutMs: 60_000,
    description: 'The commands were never registered',
  });
}

/** Waits until a spawned bot is connected and its commands are registered, then drives it. */
export async function readyBot(
  kind: BotKind,
  child: ChildProcess,
  double: DiscordDouble,
  guilds: LoadGuild[],
  restart?: () => ChildProcess,
): Promise<RunningBot> {
  await waitForReadyBot(double, child);
  await waitForCommands(double);
  return {
    kind,
    child,
    double,
    meter: new LoadMeter(double),
    guilds,
    cursor: 0,
    ...(restart ? { restart } : {}),
  };
}

async function stopLoadBots(bots: Record<BotKind, RunningBot>): Promise<void> {
  for (const bot of Object.values(bots)) {
    await stopBot(bot.child);
    await bot.double.close();
  }
}

/** Spawn → READY: a fresh process (and for Waymark a fresh database, so migrations count). */
async function timeToReady(kind: BotKind, labelsPath: string): Promise<number> {
  const { double } = await seedDouble(1, 3, true);
  try {
    const started = performance.now();
    const child = spawnBot({ kind, double, labelsPath });
    await waitForReadyBot(double, child);
    const elapsed = performance.now() - started;
    await stopBot(child);
    return elapsed;
  } finally {
    await double.close();
  }
}

/** RSS after `rssInteractions` /checks spread over `rssGuilds` servers of `rssMembersPerGuild` members. */
async function residentAfterLoad(kind: BotKind, plan: LoadPlan, labelsPath: string): Promise<number> {
  const { double, guilds } = await seedDouble(plan.rssGuilds, plan.rssMembersPerGuild, false);
  const template = await templateMarkdown();
  const databasePath = freshDatabasePath();
  const itemIds = await seedWaymarkDatabase(
    databasePath,
    guilds.map((guild) => ({ guildId: guild.guildId, markdown: template, name: 'python-developer' })),
  );
  if (kind === 'bare') await registerCommands(double);
  const child = spawnBot({ kind, double, databasePath, labelsPath });
  try {
    const bot = await readyBot(
      kind,
      child,
      double,
      guilds.map((guild, g) => ({ ...guild, itemIds: itemIds[g]! })),
    );
    let g = 0;
    await closedLoop(bot, { count: plan.rssInteractions }, () => {
      g += 1;
      return check(bot, bot.guilds[g % bot.guilds.length]!);
    });
    // Lets the last replies' buffers go before reading, as a steady state would.
    await sleep(1_000);
    return residentMb(child.pid);
  } finally {
    await stopBot(child);
    await double.close();
  }
}

/** p99 of `respond(query)` over the keystrokes, after as many again to warm up. */
async function keystrokeP99(count: number, typed: () => string, respond: (query: string) => unknown) {
  for (let i = 0; i < count; i += 1) await respond(typed());
  const durations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const query = typed();
    const start = performance.now();
    await respond(query);
    durations.push(performance.now() - start);
  }
  return percentile(
    durations.sort((a, b) => a - b),
    0.99,
  );
}

/**
 * Autocomplete as the server spends it, without Discord's round trip: the bare bot's filter
 * over the labels, and Waymark's handler against a database holding the 2,000-item roadmap.
 */
async function serverSideAutocomplete(kind: BotKind, plan: LoadPlan, labels: string[]): Promise<number> {
  const typed = typedQueries(labels);
  if (kind === 'bare') {
    const lowered = labels.map((label) => label.toLowerCase());
    return keystrokeP99(plan.keystrokes, typed, (query) => {
      const choices: { name: string; value: string }[] = [];
      const needle = query.toLowerCase();
      for (let i = 0; i < lowered.length && choices.length < 25; i += 1) {
        if (lowered[i]!.includes(needle)) choices.push({ name: labels[i]!.slice(0, 100), value: String(i) });
      }
      return choices;
    });
  }
  const databasePath = freshDatabasePath();
  await seedWaymarkDatabase(databasePath, [
    { guildId: 'bench-guild', markdown: LARGE_ROADMAP, name: 'large' },
  ]);
  const handle = openSqliteDatabase(databasePath);
  try {
    const ctx = { db: handle.db } as AppContext;
    return await keystrokeP99(plan.keystrokes, typed, (query) =>
      respondWithItemChoices(
        {
          guildId: 'bench-guild',
          user: { id: 'bench-member' },
          options: { getFocused: () => query },
          respond: async () => undefined,
        } as unknown as AutocompleteInteraction<'cached'>,
        ctx,
      ),
    );
  } finally {
    await handle.close();
  }
}

// ------------------------------------------------------------------------------------- run

const startedAt = performance.now();

/** Progress on stderr: a default run takes minutes, and stdout stays the table alone. */
function progress(message: string): void {
  process.stderr.write(`[${((performance.now() - startedAt) / 1000).toFixed(0)} s] ${message}\n`);
}

function record(samples: Record<string, Samples>, key: string, kind: BotKind, value: number): void {
  progress(`${key} ${kind}: ${value.toFixed(1)}`);
  samples[key] ??= { bare: [], waymark: [] };
  samples[key][kind].push(value);
}

export async function runLoadBenchmark(plan: LoadPlan): Promise<LoadReport> {
  const startedLoad = loadavg()[0]!;
  const labels = largeRoadmapLabels();
  const labelsPath = writeBareLabels(labels);
  const samples: Record<string, Samples> = {};
  const raw: unknown[] = [];
  await buildBots();
  progress(`starting both bots (${plan.name} plan)`);
  const bots = await startLoadBots(plan, labelsPath);
  const typed = typedQueries(labels);
  try {
    for (let round = 1; round <= plan.rounds; round += 1) {
      for (const kind of KINDS) record(samples, 'spawn.ready', kind, await timeToReady(kind, labelsPath));
      for (const kind of KINDS) {
        const bot = bots[kind];
        const [template] = bot.guilds;
        const result = await closedLoop(bot, { seconds: plan.seconds }, () =>
          kind === 'bare' ? plain(bot, template!, 'ping') : check(bot, template!),
        );
        record(samples, 'throughput.template', kind, result.perSecond);
        record(samples, 'cpu.template', kind, result.cpuMsPerAnswer);
        raw.push({ round, kind, scenario: 'closed-loop template', ...result });
      }
      for (const kind of KINDS) {
        const bot = bots[kind];
        const large = bot.guilds[1]!;
        const result = await closedLoop(bot, { seconds: plan.seconds }, () =>
          kind === 'bare' ? plain(bot, large, 'ping') : check(bot, large),
        );
        record(samples, 'throughput.large', kind, result.perSecond);
        record(samples, 'cpu.large', kind, result.cpuMsPerAnswer);
        raw.push({ round, kind, scenario: 'closed-loop 2,000 items', ...result });
      }
      for (const rate of [50, 200] as const) {
        for (const kind of KINDS) {
          const bot = bots[kind];
          const result = await openLoop(bot, rate, plan.seconds, () => check(bot, bot.guilds[0]!));
          record(samples, `p99.check${rate}`, kind, result.p99Ms);
          raw.push({ round, kind, scenario: `/check ${rate}/s template`, ...result });
        }
      }
      for (const kind of KINDS) {
        const bot = bots[kind];
        const result = await openLoop(bot, 50, plan.seconds, () => plain(bot, bot.guilds[0]!, 'about'));
        record(samples, 'p99.about', kind, result.p99Ms);
        raw.push({ round, kind, scenario: '/about 50/s', ...result });
      }
      for (const kind of KINDS) {
        const bot = bots[kind];
        const result = await openLoop(bot, 50, plan.seconds, () =>
          autocomplete(bot, bot.guilds[1]!, typed()),
        );
        record(samples, 'p99.autocomplete', kind, result.p99Ms);
        raw.push({ round, kind, scenario: 'autocomplete 50/s 2,000 items', ...result });
      }
      for (const kind of KINDS) {
        const bot = bots[kind];
        const result = await openLoop(bot, 500, plan.seconds, () => check(bot, bot.guilds[1]!), false);
        record(samples, 'overload.p99', kind, result.p99Ms);
        record(samples, 'overload.unanswered', kind, result.unanswered);
        record(samples, 'overload.rss', kind, result.peakRssMb);
        raw.push({ round, kind, scenario: '/check 500/s 2,000 items', ...result });
        if (round < plan.rounds) await restartBot(bot);
      }
    }
  } finally {
    await stopLoadBots(bots);
  }
  for (const kind of KINDS) {
    record(samples, 'autocomplete.server', kind, await serverSideAutocomplete(kind, plan, labels));
  }
  // Once per run: each needs its own thousand-server Discord and a bot started against it.
  for (const kind of KINDS)
    record(samples, 'rss.servers', kind, await residentAfterLoad(kind, plan, labelsPath));

  const result = buildLoadReport(plan, samples, [startedLoad, loadavg()[0]!]);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `load-${new Date().toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ plan, samples, raw, table: result.table, summary: result.summary }, null, 2),
  );
  return { ...result, summary: `${result.summary} — raw results in ${file}` };
}

/** `--profile`: Waymark alone under 500/s /check on the 2,000-item roadmap, with `node --cpu-prof`. */
async function profileOverload(plan: LoadPlan): Promise<string> {
  await buildBots();
  const { double, guilds } = await seedDouble(2, plan.members, true);
  const databasePath = freshDatabasePath();
  const [, largeIds] = await seedWaymarkDatabase(databasePath, [
    { guildId: guilds[0]!.guildId, markdown: await templateMarkdown(), name: 'python-developer' },
    { guildId: guilds[1]!.guildId, markdown: LARGE_ROADMAP, name: 'large' },
  ]);
  const dir = join(RESULTS_DIR, `profile-${new Date().toISOString().replaceAll(':', '-')}`);
  const child = spawnBot({ kind: 'waymark', double, databasePath, cpuProfileDir: dir });
  try {
    const bot = await readyBot('waymark', child, double, [{ ...guilds[1]!, itemIds: largeIds! }]);
    const result = await openLoop(bot, 500, plan.seconds, () => check(bot, bot.guilds[0]!));
    return `${JSON.stringify(result)}\nprofile in ${dir}`;
  } finally {
    await stopBot(child);
    await double.close();
  }
}

export function planFrom(args: readonly string[]): LoadPlan {
  return args.includes('--quick') ? QUICK_PLAN : DEFAULT_PLAN;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes('--profile')) {
    process.stdout.write(`${await profileOverload(planFrom(args))}\n`);
  } else {
    const result = await runLoadBenchmark(planFrom(args));
    process.stdout.write(`${result.table}\n\n${result.summary}\n`);
  }
}
