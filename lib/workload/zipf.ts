/*
 * Popularity math shared by the simulator (to draw inputs) and the simulator page (to draw the
 * theoretical hit-ratio curve). No server code here.
 */

/** Probability of each popularity rank (index 0 = the most popular) under Zipf(s) over n inputs; s = 0 is uniform. */
export function zipfProbabilities(n: number, s: number): Float64Array {
  const weights = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    const weight = 1 / (rank + 1) ** s;
    weights[rank] = weight;
    total += weight;
  }
  for (let rank = 0; rank < n; rank += 1) weights[rank] = (weights[rank] ?? 0) / total;
  return weights;
}

export interface HitRatioPoint {
  /** Requests so far. */
  k: number;
  /** Cumulative hit ratio after k requests, 0…1. */
  hitRatio: number;
}

/**
 * Expected cumulative hit ratio of a cache that never drops an entry, after k requests drawn
 * independently from `probabilities`: each distinct input misses exactly once, so the ratio is
 * 1 − E[distinct inputs seen]/k, with E[distinct] = Σᵢ 1 − (1 − pᵢ)ᵏ.
 */
export function expectedHitRatios(probabilities: Float64Array, ks: readonly number[]): HitRatioPoint[] {
  const logMissing = Array.from(probabilities, (p) => Math.log1p(-Math.min(p, 1 - Number.EPSILON)));
  return ks.map((k) => {
    let distinct = 0;
    for (const log of logMissing) distinct += 1 - Math.exp(k * log);
    return { k, hitRatio: k > 0 ? 1 - distinct / k : 0 };
  });
}

/** The theoretical curve at `points` request counts spread evenly up to `requests`. */
export function theoreticalCurve(inputs: number, s: number, requests: number, points = 60): HitRatioPoint[] {
  const ks = Array.from({ length: Math.min(points, requests) }, (_, index) => Math.max(1, Math.round(((index + 1) * requests) / Math.min(points, requests))));
  return expectedHitRatios(zipfProbabilities(inputs, s), ks);
}
