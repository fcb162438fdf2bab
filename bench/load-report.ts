/** The table `npm run bench:load` prints: medians per bot, their ratio, and the goals of issue 12. */
import { percentile } from './bench-utils.js';

export type BotKind = 'bare' | 'waymark';

/** Discord's window to acknowledge an interaction; the double refuses callbacks after it. */
export const ACK_WINDOW_MS = 3_000;

/** What the report names of the run: its plan and the size of the memory scenario. */
export interface ReportedPlan {
  name: string;
  rounds: number;
  rssGuilds: number;
  rssMembersPerGuild: number;
  rssInteractions: number;
}

/** Unanswered interactions count as slower than any answer, so an overload's p99 is not flattered. */
export function p99(latencies: readonly number[], unanswered: number): number {
  const all = [...latencies, ...Array.from({ length: unanswered }, () => Number.POSITIVE_INFINITY)];
  return percentile(
    all.sort((a, b) => a - b),
    0.99,
  );
}

export type Samples = Record<BotKind, number[]>;

interface Goal {
  text: string;
  met(bare: number, waymark: number): boolean;
}

interface MetricSpec {
  key: string;
  what: string;
  unit: string;
  goal?: Goal;
  /** Judged on Waymark's value alone, so its ratio does not name the slowest scenario. */
  absolute?: true;
}

const atMostTimes = (times: number): Goal => ({
  text: `≤ ${times}× bare`,
  met: (bare, waymark) => waymark <= bare * times,
});

/** The goals of issue 12, each judged on medians of the same run. */
const METRICS: readonly MetricSpec[] = [
  {
    key: 'throughput.template',
    what: '/check throughput, 47-item template, 64 in flight (bare: /ping)',
    unit: '/s',
    goal: { text: '≥ 0.5× bare', met: (bare, waymark) => waymark >= bare * 0.5 },
  },
  {
    key: 'throughput.large',
    what: '/check throughput, 2,000-item roadmap, 64 in flight (bare: /ping)',
    unit: '/s',
    goal: { text: '≥ 0.5× bare', met: (bare, waymark) => waymark >= bare * 0.5 },
  },
  // What the throughput rows come down to when the bot is the bottleneck, and what a shared
  // machine skews least: the bot process's CPU time (all threads) per answered interaction.
  { key: 'cpu.template', what: 'bot CPU per interaction, template, closed loop (bare: /ping)', unit: 'ms' },
  { key: 'cpu.large', what: 'bot CPU per interaction, 2,000 items, closed loop (bare: /ping)', unit: 'ms' },
  { key: 'p99.check50', what: '/check p99 at 50/s, template', unit: 'ms' },
  { key: 'p99.check200', what: '/check p99 at 200/s, template', unit: 'ms', goal: atMostTimes(1.5) },
  { key: 'p99.about', what: '/about p99 at 50/s', unit: 'ms', goal: atMostTimes(1.2) },
  {
    key: 'p99.autocomplete',
    what: 'autocomplete p99 at 50/s, 2,000 items (bare: substring filter)',
    unit: 'ms',
    goal: atMostTimes(1.5),
  },
  {
    key: 'autocomplete.server',
    what: 'autocomplete p99 server-side, 2,000 items, in process (bare: the filter alone)',
    unit: 'ms',
    goal: { text: '≤ 5 ms', met: (_bare, waymark) => waymark <= 5 },
    absolute: true,
  },
  { key: 'spawn.ready', what: 'spawn → READY (compiled, node dist/…)', unit: 'ms', goal: atMostTimes(1.5) },
  {
    key: 'rss.servers',
    what: 'RSS after the /checks, servers × members',
    unit: 'MB',
    goal: atMostTimes(1.2),
  },
  {
    key: 'overload.p99',
    what: '/check p99 at 500/s, 2,000 items (overload)',
    unit: 'ms',
    goal: { text: '< 3,000 ms', met: (_bare, waymark) => waymark < ACK_WINDOW_MS },
  },
  {
    key: 'overload.unanswered',
    what: 'never answered within 3 s at 500/s, 2,000 items',
    unit: '',
    goal: { text: '0', met: (_bare, waymark) => waymark === 0 },
  },
  { key: 'overload.rss', what: 'peak RSS at 500/s, 2,000 items', unit: 'MB', goal: atMostTimes(2) },
];

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return value > 0 ? '> 3,000 ms' : 'n/a';
  const digits = Math.abs(value) >= 100 || unit === '' ? 0 : 1;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
}

function ratioText(bare: number, waymark: number): string {
  if (Number.isFinite(bare) && waymark === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(bare) || !Number.isFinite(waymark) || bare === 0) return 'n/a';
  return `${(waymark / bare).toFixed(2)}×`;
}

export interface LoadReport {
  table: string;
  summary: string;
  met: number;
  goals: number;
}

export function buildLoadReport(
  plan: ReportedPlan,
  samples: Record<string, Samples>,
  load: number[],
): LoadReport {
  const rows = ['| what | bare | waymark | ratio | goal | pass |', '|---|---|---|---|---|---|'];
  let met = 0;
  let goals = 0;
  let worst: { what: string; ratio: number } | undefined;
  for (const metric of METRICS) {
    const bare = median(samples[metric.key]?.bare ?? []);
    const waymark = median(samples[metric.key]?.waymark ?? []);
    const pass = metric.goal ? metric.goal.met(bare, waymark) : undefined;
    if (pass !== undefined) {
      goals += 1;
      if (pass) met += 1;
    }
    const what =
      metric.key === 'rss.servers'
        ? `RSS after ${plan.rssInteractions.toLocaleString('en-US')} /checks, ${plan.rssGuilds.toLocaleString('en-US')} servers × ${plan.rssMembersPerGuild} members`
        : metric.what;
    rows.push(
      `| ${what} | ${format(bare, metric.unit)} | ${format(waymark, metric.unit)} | ${ratioText(bare, waymark)} | ${metric.goal?.text ?? '—'} | ${pass === undefined ? '—' : pass ? 'pass' : 'FAIL'} |`,
    );
    // The scenario where Waymark costs most relative to the bare bot, slower meaning worse.
    if (metric.unit === 'ms' && !metric.absolute && Number.isFinite(bare) && bare > 0) {
      const ratio = Number.isFinite(waymark) ? waymark / bare : Number.POSITIVE_INFINITY;
      if (!worst || ratio > worst.ratio) worst = { what: metric.what, ratio };
    }
  }
  const worstText = worst
    ? `; slowest vs bare: ${worst.what} (${Number.isFinite(worst.ratio) ? `${worst.ratio.toFixed(1)}×` : 'unanswered'})`
    : '';
  const summary = `bench:load (${plan.name}, ${plan.rounds} round${plan.rounds === 1 ? '' : 's'}, load average ${load.map((l) => l.toFixed(1)).join(' → ')}): ${met}/${goals} goals met${worstText}`;
  return { table: rows.join('\n'), summary, met, goals };
}
