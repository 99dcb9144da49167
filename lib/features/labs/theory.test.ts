import { describe, expect, it } from 'vitest';
import { zipfProbabilities } from '../../workload/zipf';
import { cheHitRatio, optimalHitRatio } from './theory';

describe('cache theory', () => {
  it('the static optimum of Zipf(1) is H(C)/H(N)', () => {
    const harmonic = (n: number) => Array.from({ length: n }, (_, index) => 1 / (index + 1)).reduce((a, b) => a + b, 0);
    expect(optimalHitRatio(zipfProbabilities(10_000, 1), 1000)).toBeCloseTo(harmonic(1000) / harmonic(10_000), 10);
  });

  it("Che's T fills the cache, and LRU lands below the static optimum", () => {
    const p = zipfProbabilities(10_000, 1);
    const { hitRatio, characteristicTime } = cheHitRatio(p, 1000);
    const held = Array.from(p, (pi) => 1 - Math.exp(-pi * characteristicTime)).reduce((a, b) => a + b, 0);
    expect(held).toBeCloseTo(1000, 6);
    expect(hitRatio).toBeLessThan(optimalHitRatio(p, 1000));
    expect(hitRatio).toBeGreaterThan(0.5);
  });

  it('under uniform traffic every policy holds C/N of the inputs', () => {
    const p = zipfProbabilities(1000, 0);
    expect(cheHitRatio(p, 100).hitRatio).toBeCloseTo(0.1, 6);
    expect(optimalHitRatio(p, 100)).toBeCloseTo(0.1, 10);
    expect(cheHitRatio(p, 1000).hitRatio).toBe(1);
  });
});
