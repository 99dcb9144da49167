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
 *
 * With the latency sum of each bucket (`sums`) the answer is also true for few samples: a
 * rank that lands on a bucket's only sample is that sample, exactly; and every answer is
 * kept between the mean of the lowest and of the highest occupied bucket, which lie within
 * the observed minimum and maximum (one 1.50 s miss: p50 = p99 = 1.50 s, not 1.75 / 2.48 s).
 */
export function percentileFromBuckets(counts: readonly number[], quantile: number, sums?: readonly number[]): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(quantile * total, Number.MIN_VALUE);
  let seen = 0;
  let estimate = BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 2] ?? 0;
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index] ?? 0;
    if (count > 0 && seen + count >= rank) {
      if (sums && count === 1) return sums[index] ?? 0;
      estimate = interpolate(index, (rank - seen) / count);
      break;
    }
    seen += count;
  }
  return sums ? clampToObserved(estimate, counts, sums) : estimate;
}

function interpolate(index: number, share: number): number {
  const lower = index === 0 ? 0 : (BUCKET_BOUNDS_MS[index - 1] ?? 0);
  const upper = BUCKET_BOUNDS_MS[index] ?? Infinity;
  return upper === Infinity ? lower : lower + (upper - lower) * share;
}

/** Between the means of the lowest and the highest occupied bucket: never beyond what was seen. */
function clampToObserved(estimate: number, counts: readonly number[], sums: readonly number[]): number {
  const occupied = counts.flatMap((count, index) => (count > 0 ? [(sums[index] ?? 0) / count] : []));
  const low = occupied[0] ?? estimate;
  const high = occupied[occupied.length - 1] ?? estimate;
  return Math.min(Math.max(estimate, low), high);
}
