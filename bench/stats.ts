/** Order statistics over latency samples; nearest-rank, so every figure is a real sample. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function percentile(sorted: readonly number[], quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(quantile * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean };
}

export const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

/**
 * A ratio measured side by side in several blocks: its median, and the spread across
 * blocks, which says whether a repeated run would agree.
 */
export interface Ratio {
  median: number;
  min: number;
  max: number;
}

export function ratioOf(perBlock: readonly number[]): Ratio {
  return { median: median(perBlock), min: Math.min(...perBlock), max: Math.max(...perBlock) };
}
