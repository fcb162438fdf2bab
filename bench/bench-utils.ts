export interface BenchResult {
  name: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  // Nearest rank: an actual observed duration, never an interpolation between two.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * Runs `fn` `iterations` times after a warm-up (so the JIT has compiled the hot paths) and
 * reports the median and 95th percentile of the individual runs.
 */
export async function measure(name: string, iterations: number, fn: () => unknown): Promise<BenchResult> {
  const warmUp = Math.max(3, Math.ceil(iterations / 10));
  for (let i = 0; i < warmUp; i += 1) await fn();
  const durations: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await fn();
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { name, iterations, medianMs: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95) };
}
