import { describe, expect, it } from 'vitest';
import { invalidationField, invalidationSecond, isSampleCountField, parseSeriesField, sampleCountField, secondField, slotBucketField, sumField } from './fields';

describe('metric field names', () => {
  it('reads back every series field the writer builds', () => {
    expect(parseSeriesField(secondField(1_700_000_003, 'near-hit'))).toEqual({ kind: 'second', at: 1_700_000_003, status: 'near-hit' });
    expect(parseSeriesField(slotBucketField(1_700_000_000, 'hit', 7))).toEqual({ kind: 'slot', at: 1_700_000_000, status: 'hit', bucket: 7, part: 'counts' });
    expect(parseSeriesField(sumField(slotBucketField(1_700_000_000, 'miss', 0)))).toEqual({ kind: 'slot', at: 1_700_000_000, status: 'miss', bucket: 0, part: 'sums' });
  });

  it('leaves per-second latency sums and foreign fields unread', () => {
    expect(parseSeriesField(sumField(secondField(1_700_000_003, 'hit')))).toBeNull();
    expect(parseSeriesField('later:hit')).toBeNull();
    expect(parseSeriesField('1700000000:hit:x3')).toBeNull();
  });

  it('tells sample counts from request counts, and reads invalidation seconds back', () => {
    expect(isSampleCountField(sampleCountField('compute'))).toBe(true);
    expect(isSampleCountField('miss')).toBe(false);
    expect(invalidationSecond(invalidationField(1_700_000_009))).toBe(1_700_000_009);
  });
});
