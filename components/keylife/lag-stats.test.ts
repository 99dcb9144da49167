import { describe, expect, it } from 'vitest';
import { bucketLabel, lagHistogram, quantile, ratePerSecond } from './lag-stats';

describe('expiry-lag figures', () => {
  it('puts each lag in the bucket below its upper bound', () => {
    expect(lagHistogram([0, 9, 10, 99, 100, 4999, 5000, 60_000])).toEqual([2, 1, 1, 1, 0, 0, 1, 2]);
  });

  it('labels buckets with their units', () => {
    expect(bucketLabel(0)).toBe('0 ms–10 ms');
    expect(bucketLabel(5)).toBe('500 ms–1 s');
    expect(bucketLabel(7)).toBe('> 5 s');
  });

  it('takes quantiles by nearest rank', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([30, 10, 20, 40], 0.5)).toBe(20);
    expect(quantile([30, 10, 20, 40], 0.95)).toBe(40);
  });

  it('counts a rate over the window only', () => {
    expect(ratePerSecond([1000, 5000, 9500, 9900], 10_000, 1000)).toBe(2);
    expect(ratePerSecond([1000, 5000, 9500, 9900], 10_000, 10_000)).toBe(0.4);
  });
});
