/** Expiry-lag buckets (upper bounds in ms): Redis' active cycle runs every 100 ms, so most land below that. */
export const LAG_BUCKETS = [10, 50, 100, 250, 500, 1000, 5000, Infinity] as const;

export function bucketLabel(index: number): string {
  const upper = LAG_BUCKETS[index]!;
  const lower = index === 0 ? 0 : LAG_BUCKETS[index - 1]!;
  const show = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
  return upper === Infinity ? `> ${show(lower)}` : `${show(lower)}–${show(upper)}`;
}

export function lagHistogram(lags: readonly number[]): number[] {
  const counts = LAG_BUCKETS.map(() => 0);
  for (const lag of lags) counts[LAG_BUCKETS.findIndex((upper) => lag < upper)]! += 1;
  return counts;
}

/** The q-quantile (0…1) of the lags by nearest rank; null when there are none. */
export function quantile(lags: readonly number[], q: number): number | null {
  if (lags.length === 0) return null;
  const sorted = [...lags].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Events per second over the last `windowMs` (times in ms, this browser's clock). */
export function ratePerSecond(times: readonly number[], now: number, windowMs: number): number {
  return times.filter((at) => now - at < windowMs).length / (windowMs / 1000);
}
