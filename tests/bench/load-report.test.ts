import { describe, expect, it } from 'vitest';
import { buildLoadReport, p99, type Samples } from '../../bench/load-report.js';

const PLAN = { name: 'quick', rounds: 1, rssGuilds: 50, rssMembersPerGuild: 100, rssInteractions: 1_000 };

/** Every metric the same for both bots, then `overrides` per metric. */
function samples(overrides: Record<string, Samples> = {}): Record<string, Samples> {
  const same = (value: number): Samples => ({ bare: [value], waymark: [value] });
  return {
    'throughput.template': same(100),
    'throughput.large': same(100),
    'p99.check50': same(20),
    'p99.check200': same(20),
    'p99.about': same(10),
    'p99.autocomplete': same(10),
    'autocomplete.server': same(1),
    'spawn.ready': same(1_000),
    'rss.servers': same(100),
    'overload.p99': same(500),
    'overload.unanswered': same(0),
    'overload.rss': same(120),
    ...overrides,
  };
}

function row(table: string, startsWith: string): string {
  const found = table.split('\n').find((line) => line.startsWith(`| ${startsWith}`));
  if (!found) throw new Error(`no row starting with ${startsWith}`);
  return found;
}

describe('p99 of a load scenario', () => {
  it('GIVEN every interaction answered THEN p99 is the answer at the 99th percentile', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p99(latencies, 0)).toBe(99);
  });

  it('GIVEN more than 1% never answered THEN p99 is infinite, not the slowest answer', () => {
    const latencies = Array.from({ length: 98 }, () => 5);
    expect(p99(latencies, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the bench:load report', () => {
  it('GIVEN Waymark equal to the bare bot THEN every goal passes and the summary counts them', () => {
    const report = buildLoadReport(PLAN, samples(), [1, 1.5]);
    expect(report.goals).toBe(11);
    expect(report.met).toBe(11);
    expect(report.table).not.toContain('FAIL');
    expect(report.summary).toMatch(
      /^bench:load \(quick, 1 round, load average 1\.0 → 1\.5\): 11\/11 goals met/,
    );
  });

  it('GIVEN Waymark at a third of the throughput and 3× the p99 THEN those rows fail with their ratios', () => {
    const report = buildLoadReport(
      PLAN,
      samples({
        'throughput.template': { bare: [300, 290, 310], waymark: [100, 90, 110] },
        'p99.check200': { bare: [20], waymark: [60] },
      }),
      [1, 1],
    );
    expect(row(report.table, '/check throughput, 47-item')).toBe(
      '| /check throughput, 47-item template, 64 in flight (bare: /ping) | 300 /s | 100 /s | 0.33× | ≥ 0.5× bare | FAIL |',
    );
    expect(row(report.table, '/check p99 at 200/s')).toContain(
      '| 20.0 ms | 60.0 ms | 3.00× | ≤ 1.5× bare | FAIL |',
    );
    expect(report.met).toBe(9);
    expect(report.summary).toContain('slowest vs bare: /check p99 at 200/s, template (3.0×)');
  });

  it('GIVEN Waymark never answering under overload THEN the p99 reads "> 3,000 ms" with an infinite ratio', () => {
    const report = buildLoadReport(
      PLAN,
      samples({
        'overload.p99': { bare: [2_500], waymark: [Number.POSITIVE_INFINITY] },
        'overload.unanswered': { bare: [0], waymark: [1_000] },
      }),
      [1, 1],
    );
    expect(row(report.table, '/check p99 at 500/s')).toContain(
      '| 2,500 ms | > 3,000 ms | ∞ | < 3,000 ms | FAIL |',
    );
    expect(row(report.table, 'never answered')).toContain('| 0 | 1,000 | n/a | 0 | FAIL |');
    expect(row(report.table, 'RSS after 1,000 /checks, 50 servers × 100 members')).toContain('pass');
    expect(report.summary).toContain('(unanswered)');
  });
});

describe('the issue 12 thresholds', () => {
  it('GIVEN autocomplete over 5 ms server-side, /about at 1.3× and RSS at 1.3× THEN exactly those rows fail', () => {
    const report = buildLoadReport(
      PLAN,
      samples({
        'autocomplete.server': { bare: [0.1], waymark: [6] },
        'p99.about': { bare: [10], waymark: [13] },
        'rss.servers': { bare: [100], waymark: [130] },
      }),
      [1, 1],
    );
    expect(row(report.table, 'autocomplete p99 server-side')).toContain('| ≤ 5 ms | FAIL |');
    expect(row(report.table, '/about p99')).toContain('| 1.30× | ≤ 1.2× bare | FAIL |');
    expect(row(report.table, 'RSS after')).toContain('| 1.30× | ≤ 1.2× bare | FAIL |');
    expect(report.met).toBe(8);
    expect(report.summary).toContain('slowest vs bare: /about p99 at 50/s (1.3×)');
  });
});
