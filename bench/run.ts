import type { BenchResult } from './bench-utils.js';
import { clusterPlanFrom, runClusterBenchmark } from './cluster.bench.js';
import { runDialectBenchmarks } from './dialects.bench.js';
import { runDigestBenchmarks } from './digest.bench.js';
import { planFrom, runLoadBenchmark } from './load.bench.js';
import { runRoadmapBenchmarks } from './roadmaps.bench.js';
import { runSharingBenchmarks } from './sharing.bench.js';
import { runStartupBenchmarks } from './startup.bench.js';

/** Every suite, in the order the README's operations notes list them. */
const SUITES: readonly [string, () => Promise<BenchResult[]>][] = [
  ['startup', runStartupBenchmarks],
  ['roadmaps', runRoadmapBenchmarks],
  ['sharing', runSharingBenchmarks],
  ['digest', runDigestBenchmarks],
];

const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));
const rows: string[] = ['| suite | benchmark | runs | median ms | p95 ms |', '|---|---|---|---|---|'];
for (const [suite, run] of SUITES) {
  if (only.length > 0 && !only.includes(suite)) continue;
  for (const result of await run()) {
    rows.push(
      `| ${suite} | ${result.name} | ${result.iterations} | ${result.medianMs.toFixed(2)} | ${result.p95Ms.toFixed(2)} |`,
    );
  }
}
if (rows.length > 2) process.stdout.write(`${rows.join('\n')}\n`);

// Side by side, so a table of its own; it needs a PostgreSQL server (scripts/with-postgres.sh starts one).
if (only.length === 0 || only.includes('dialects')) {
  const url = process.env.WAYMARK_BENCH_POSTGRES_URL ?? process.env.WAYMARK_TEST_POSTGRES_URL;
  if (!url) {
    process.stdout.write(
      '\ndialects skipped: no PostgreSQL (scripts/with-postgres.sh npm run bench -- dialects, or set WAYMARK_BENCH_POSTGRES_URL)\n',
    );
  } else {
    const table = ['| benchmark | SQLite | PostgreSQL |', '|---|---|---|'];
    for (const row of await runDialectBenchmarks(url))
      table.push(`| ${row.name} | ${row.sqlite} | ${row.postgres} |`);
    process.stdout.write(`\n${table.join('\n')}\n`);
  }
}

// Last and on its own: it compares two bots side by side, so its table has columns of its own.
if (only.length === 0 || only.includes('load')) {
  const load = await runLoadBenchmark(planFrom(args));
  process.stdout.write(`\n${load.table}\n\n${load.summary}\n`);
}

// One process against two on the same offered load (`npm run bench:cluster`).
if (only.length === 0 || only.includes('cluster')) {
  process.stdout.write(`\n${await runClusterBenchmark(clusterPlanFrom(args))}\n`);
}
