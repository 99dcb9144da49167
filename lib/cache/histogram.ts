/**
 * Fixed log-scale latency buckets (upper bounds, ms), 1-2.5-5 per decade from 50 µs to 10 s:
 * a cache hit (~0.1 ms) and a miss (seconds) both land in buckets of useful resolution.
 */
export const BUCKET_BOUNDS_MS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity,
] as const;

/** Runs per recorded request: a plain loop, no callback. */
export function bucketIndex(latencyMs: number): number {
  for (let index = 0; index < BUCKET_BOUNDS_MS.length; index += 1) if (latencyMs <= BUCKET_BOUNDS_MS[index]!) return index;
  return BUCKET_BOUNDS_MS.length - 1;
}

export function bucketLabel(index: number): string {
  const bound = BUCKET_BOUNDS_MS[index];
  if (bound === undefined || bound === Infinity) return '> 10 s';
  return bound >= 1000 ? `≤ ${bound / 1000} s` : `≤ ${bound} ms`;
}

/**
 * Percentile from bucket counts, interpolated linearly inside the bucket (as Prometheus'
 * histogram_quantile does). Returns null when there is nothing to measure.
 */
export function percentileFromBuckets(counts: readonly number[], quantile: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let seen = 0;
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = index === 0 ? 0 : (BUCKET_BOUNDS_MS[index - 1] ?? 0);
      const upper = BUCKET_BOUNDS_MS[index] ?? Infinity;
      if (upper === Infinity) return lower;
      return lower + ((upper - lower) * (rank - seen)) / count;
    }
    seen += count;
  }
  return BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 2] ?? null;
}
