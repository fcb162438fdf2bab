/**
 * `npm run bench:cluster` (also the last part of `npm run bench`): Waymark on 2 shards as one
 * process (`npm start`) and as 2 processes of one shard each (`npm run start:cluster`), same
 * Discord double, same SQLite database layout, same offered load: /check spread evenly over one
 * server per shard. Closed loop (64 in flight) gives interactions per second; an open loop at a
 * fixed rate gives the p99 latency. The machine's load average is reported with the numbers.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { APIInteraction } from 'discord-api-types/v10';
import { percentile } from './bench-utils.js';
import { check, closedLoop, openLoop, type RunningBot, readyBot, warmUp } from './load.bench.js';
import {
  buildWaymark,
  freshDatabasePath,
  seedDouble,
  seedWaymarkDatabase,
  spawnBot,
  stopBot,
  templateMarkdown,
} from './load-bots.js';

const SHARDS = 2;
const OPEN_LOOP_RATE = 400;

export interface ClusterPlan {
  rounds: number;
  seconds: number;
  members: number;
}

const DEFAULT_PLAN: ClusterPlan = { rounds: 5, seconds: 5, members: 5_000 };
const QUICK_PLAN: ClusterPlan = { rounds: 1, seconds: 2, members: 1_000 };

interface Fleet {
  processes: 1 | 2;
  bot: RunningBot;
  /** /check to each shard's server in turn: each process gets half the load. */
  spread: () => APIInteraction;
  perSecond: number[];
  p99Ms: number[];
  unanswered: number;
}

/** Waymark as `processes` processes over 2 shards, on a Discord and a database of its own, warmed up. */
async function startFleet(processes: 1 | 2, plan: ClusterPlan): Promise<Fleet> {
  const { double, guilds } = await seedDouble(SHARDS, plan.members, true, SHARDS);
  const databasePath = freshDatabasePath();
  const markdown = await templateMarkdown();
  const itemIds = await seedWaymarkDatabase(
    databasePath,
    guilds.map((guild) => ({ guildId: guild.guildId, markdown, name: 'python-developer' })),
  );
  const child = spawnBot({
    kind: 'waymark',
    double,
    databasePath,
    ...(processes === 2 ? { shardsPerProcess: SHARDS / processes } : {}),
  });
  const bot = await readyBot(
    'waymark',
    child,
    double,
    guilds.map((guild, g) => ({ ...guild, itemIds: itemIds[g]! })),
  );
  await double.waitForShards(SHARDS, 60_000);
  let n = 0;
  const spread = () => check(bot, bot.guilds[n++ % bot.guilds.length]!);
  await warmUp(bot);
  return { processes, bot, spread, perSecond: [], p99Ms: [], unanswered: 0 };
}

async function stopFleet(fleet: Fleet): Promise<void> {
  await stopBot(fleet.bot.child);
  await fleet.bot.double.close();
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/**
 * Both fleets run side by side (the idle one costs next to nothing) and are measured in turns,
 * round after round, so that whatever else the machine is doing weighs on both alike.
 */
export async function runClusterBenchmark(plan: ClusterPlan): Promise<string> {
  buildWaymark();
  const loadBefore = loadavg()[0]!;
  const fleets: Fleet[] = [];
  try {
    for (const processes of [1, 2] as const) fleets.push(await startFleet(processes, plan));
    for (let round = 1; round <= plan.rounds; round += 1) {
      for (const fleet of fleets) {
        fleet.perSecond.push(
          (await closedLoop(fleet.bot, { seconds: plan.seconds }, fleet.spread)).perSecond,
        );
      }
      for (const fleet of fleets) {
        const open = await openLoop(fleet.bot, OPEN_LOOP_RATE, plan.seconds, fleet.spread);
        fleet.p99Ms.push(open.p99Ms);
        fleet.unanswered += open.unanswered;
        process.stderr.write(
          `round ${round}, ${fleet.processes} process(es): ${fleet.perSecond.at(-1)!.toFixed(0)}/s, p99 at ${OPEN_LOOP_RATE}/s ${open.p99Ms.toFixed(1)} ms\n`,
        );
      }
    }
  } finally {
    for (const fleet of fleets) await stopFleet(fleet);
  }
  const loadAfter = loadavg()[0]!;
  const [one, two] = fleets as [Fleet, Fleet];
  const row = (fleet: Fleet) =>
    `| ${fleet.processes} | ${median(fleet.perSecond).toFixed(0)} /s | ${median(fleet.p99Ms).toFixed(1)} ms | ${fleet.unanswered} |`;
  return [
    `| processes (2 shards) | /check throughput, 64 in flight | /check p99 at ${OPEN_LOOP_RATE}/s | unanswered |`,
    '|---|---|---|---|',
    row(one),
    row(two),
    '',
    `2 processes: ${(median(two.perSecond) / median(one.perSecond)).toFixed(2)}× the throughput of 1; medians of ${plan.rounds} round(s) of ${plan.seconds} s, taken in turns; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
  ].join('\n');
}

export function clusterPlanFrom(args: readonly string[]): ClusterPlan {
  return args.includes('--quick') ? QUICK_PLAN : DEFAULT_PLAN;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await runClusterBenchmark(clusterPlanFrom(process.argv.slice(2)))}\n`);
}
