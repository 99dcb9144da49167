import 'server-only';
import { mulberry32 } from '../core/random';
import { zipfProbabilities } from './zipf';

/** Which inputs the virtual users ask for, by popularity rank (0 = the most popular). */
export type Distribution =
  | { kind: 'uniform'; inputs: number }
  | { kind: 'zipf'; inputs: number; s: number }
  /** Everyone asks for the same cold input at once. */
  | { kind: 'burst' };

/** Draws ranks by inverting the cumulative distribution (a binary search per draw). */
export function rankSampler(distribution: Distribution, random: () => number): () => number {
  if (distribution.kind === 'burst') return () => 0;
  const probabilities = zipfProbabilities(distribution.inputs, distribution.kind === 'zipf' ? distribution.s : 0);
  const cumulative = new Float64Array(probabilities.length);
  let running = 0;
  probabilities.forEach((p, rank) => {
    running += p;
    cumulative[rank] = running;
  });
  return () => {
    const target = random() * running;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** The whole run's input sequence, drawn up front: a comparison phase replays it exactly. */
export function rankSequence(distribution: Distribution, count: number, seed: number): number[] {
  const next = rankSampler(distribution, mulberry32(seed));
  return Array.from({ length: count }, next);
}
