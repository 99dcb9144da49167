import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random';
import { rankSequence, type Distribution } from './sampler';
import { expectedHitRatios, theoreticalCurve, zipfProbabilities } from './zipf';

/** Pearson's chi-square statistic of observed rank counts against expected probabilities. */
function chiSquare(ranks: readonly number[], probabilities: Float64Array): number {
  const observed = new Array<number>(probabilities.length).fill(0);
  for (const rank of ranks) observed[rank] = (observed[rank] ?? 0) + 1;
  return observed.reduce((sum, count, rank) => {
    const expected = (probabilities[rank] ?? 0) * ranks.length;
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

// Upper 0.1 % point of the chi-square distribution with 49 degrees of freedom (50 ranks).
const CHI_SQUARE_49_DF_999 = 85.35;
const zipf: Distribution = { kind: 'zipf', inputs: 50, s: 1.1 };

describe('the seeded Zipf sampler', () => {
  const draws = rankSequence(zipf, 100_000, 42);
  const probabilities = zipfProbabilities(50, 1.1);

  it('is reproducible from its seed, and another seed gives another sequence', () => {
    expect(rankSequence(zipf, 1000, 42)).toEqual(draws.slice(0, 1000));
    expect(rankSequence(zipf, 1000, 43)).not.toEqual(draws.slice(0, 1000));
  });

  it('follows Zipf(s) over N: the chi-square test does not reject it', () => {
    expect(chiSquare(draws, probabilities)).toBeLessThan(CHI_SQUARE_49_DF_999);
  });

  it('while the same test firmly rejects uniform draws, so it can tell', () => {
    const uniform = rankSequence({ kind: 'uniform', inputs: 50 }, 100_000, 42);
    expect(chiSquare(uniform, probabilities)).toBeGreaterThan(100 * CHI_SQUARE_49_DF_999);
    expect(chiSquare(uniform, zipfProbabilities(50, 0))).toBeLessThan(CHI_SQUARE_49_DF_999);
  });

  it('draws rank 1 as often as theory says, within four standard deviations', () => {
    const p = probabilities[0] ?? 0;
    const sigma = Math.sqrt((p * (1 - p)) / draws.length);
    const share = draws.filter((rank) => rank === 0).length / draws.length;
    expect(Math.abs(share - p)).toBeLessThan(4 * sigma);
    expect(p).toBeCloseTo(1 / [...Array(50).keys()].reduce((sum, index) => sum + 1 / (index + 1) ** 1.1, 0), 12);
  });

  it('sends every request of a burst to the same input', () => {
    expect(new Set(rankSequence({ kind: 'burst' }, 200, 1))).toEqual(new Set([0]));
  });

  it('stays uniform on [0, 1)', () => {
    const random = mulberry32(7);
    const values = Array.from({ length: 50_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });
});

describe('the theoretical hit ratio of a cache that keeps everything', () => {
  it('is 1 − 1/k for a single input, and 0 for the first request', () => {
    const points = expectedHitRatios(zipfProbabilities(1, 1), [1, 2, 10, 100]);
    expect(points.map((point) => point.hitRatio)).toEqual([0, 0.5, 0.9, 0.99].map((ratio) => expect.closeTo(ratio, 10)));
  });

  it('matches a simulated infinite cache fed by the seeded sampler', () => {
    const inputs = 500;
    const requests = 2000;
    const [theory] = expectedHitRatios(zipfProbabilities(inputs, 1), [requests]);
    const measured = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const distinct = new Set(rankSequence({ kind: 'zipf', inputs, s: 1 }, requests, seed)).size;
      return 1 - distinct / requests;
    });
    const mean = measured.reduce((sum, ratio) => sum + ratio, 0) / measured.length;
    expect(Math.abs(mean - (theory?.hitRatio ?? 0))).toBeLessThan(0.01);
  });

  it('climbs with k and ends at the last request', () => {
    const curve = theoreticalCurve(1000, 1, 3000);
    expect(curve.at(-1)?.k).toBe(3000);
    for (let index = 1; index < curve.length; index += 1) expect(curve[index]?.hitRatio).toBeGreaterThan(curve[index - 1]?.hitRatio ?? 1);
  });
});
