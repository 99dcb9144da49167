/*
 * What theory expects of a cache of C entries under independent requests with popularities p
 * (sorted, most popular first). No server code: the eviction lab page draws these lines too.
 */

/** The best a static cache can do: keep the C most popular inputs, hit ratio Σ p_i for i ≤ C. */
export function optimalHitRatio(probabilities: ArrayLike<number>, capacity: number): number {
  let sum = 0;
  for (let index = 0; index < Math.min(capacity, probabilities.length); index += 1) sum += probabilities[index] ?? 0;
  return sum;
}

/**
 * Che's approximation for LRU: the characteristic time T solves Σ (1 − e^(−p_i·T)) = C (the
 * expected number of distinct inputs asked for within T requests fills the cache), and the hit
 * ratio is Σ p_i·(1 − e^(−p_i·T)). T is found by bisection: the left side grows with T.
 */
export function cheHitRatio(probabilities: ArrayLike<number>, capacity: number): { hitRatio: number; characteristicTime: number } {
  const n = probabilities.length;
  if (capacity >= n) return { hitRatio: 1, characteristicTime: Infinity };
  const held = (time: number) => {
    let sum = 0;
    for (let index = 0; index < n; index += 1) sum += 1 - Math.exp(-(probabilities[index] ?? 0) * time);
    return sum;
  };
  let low = 0;
  let high = capacity;
  while (held(high) < capacity) high *= 2;
  for (let step = 0; step < 100 && high - low > 1e-9 * high; step += 1) {
    const middle = (low + high) / 2;
    if (held(middle) < capacity) low = middle;
    else high = middle;
  }
  const time = (low + high) / 2;
  let hitRatio = 0;
  for (let index = 0; index < n; index += 1) {
    const p = probabilities[index] ?? 0;
    hitRatio += p * (1 - Math.exp(-p * time));
  }
  return { hitRatio, characteristicTime: time };
}
