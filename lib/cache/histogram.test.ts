import { describe, expect, it } from 'vitest';
import { BUCKET_BOUNDS_MS, bucketIndex, percentileFromBuckets } from './histogram';

/** Counts and per-bucket sums, as the recorder writes them, from raw latencies. */
function record(latencies: number[]) {
  const counts = BUCKET_BOUNDS_MS.map(() => 0);
  const sums = BUCKET_BOUNDS_MS.map(() => 0);
  for (const ms of latencies) {
    counts[bucketIndex(ms)]! += 1;
    sums[bucketIndex(ms)]! += ms;
  }
  return { counts, sums };
}

const QUANTILES = [0.5, 0.95, 0.99];

describe('percentileFromBuckets', () => {
  it('one 1.50 s miss: every percentile is 1.50 s (bucket interpolation said p50 1.75 s, p99 2.48 s)', () => {
    const { counts, sums } = record([1500]);
    expect(percentileFromBuckets(counts, 0.5)).toBeCloseTo(1750);
    for (const quantile of QUANTILES) expect(percentileFromBuckets(counts, quantile, sums)).toBe(1500);
  });

  it('misses of 200 ms compute stay at 200 ms (interpolation said p50 175 ms)', () => {
    const { counts, sums } = record([200, 200, 200, 200, 200]);
    expect(percentileFromBuckets(counts, 0.5)).toBeCloseTo(175);
    for (const quantile of QUANTILES) expect(percentileFromBuckets(counts, quantile, sums)).toBe(200);
  });

  it('few samples in different buckets: exact', () => {
    const { counts, sums } = record([0.3, 12, 700, 3200]);
    expect(percentileFromBuckets(counts, 0.5, sums)).toBe(12);
    expect(percentileFromBuckets(counts, 0.25, sums)).toBe(0.3);
    expect(percentileFromBuckets(counts, 0.99, sums)).toBe(3200);
  });

  it('never outside the observed minimum and maximum', () => {
    const samples = [
      [0.12, 0.13, 0.14, 0.2, 0.21, 1510, 1520],
      [203, 204, 205, 206, 207, 208, 209, 210],
      [0.9, 0.95, 0.97, 12_000, 15_000],
      Array.from({ length: 500 }, (_, index) => 0.1 + index * 0.37),
    ];
    for (const latencies of samples) {
      const { counts, sums } = record(latencies);
      for (const quantile of [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 1]) {
        const value = percentileFromBuckets(counts, quantile, sums)!;
        expect(value).toBeGreaterThanOrEqual(Math.min(...latencies));
        expect(value).toBeLessThanOrEqual(Math.max(...latencies));
      }
    }
  });

  it('many samples still follow the distribution; the tail inside the top bucket is understated, never overstated', () => {
    const latencies = Array.from({ length: 1000 }, (_, index) => 1 + index);
    const { counts, sums } = record(latencies);
    expect(percentileFromBuckets(counts, 0.5, sums)).toBeGreaterThan(450);
    expect(percentileFromBuckets(counts, 0.5, sums)).toBeLessThan(550);
    // The top bucket (500, 1000] holds 500..1000, mean 750.5: the most that is certain to have been seen.
    expect(percentileFromBuckets(counts, 0.99, sums)).toBe(750.5);
  });

  it('nothing measured: null', () => {
    expect(percentileFromBuckets(BUCKET_BOUNDS_MS.map(() => 0), 0.5, BUCKET_BOUNDS_MS.map(() => 0))).toBeNull();
  });
});
