import 'server-only';
import { invalidationSecond, parseSeriesField } from '../../cache/fields';
import { BUCKET_BOUNDS_MS, bucketLabel } from '../../cache/histogram';
import { PERCENTILE_SLOT_SECONDS } from '../../cache/recorder';
import { STATUSES, type CacheStatus } from '../../cache/types';
import type { HistogramBar, PercentilePoint, ThroughputPoint } from '../../contracts/dashboard';
import { hitRatio, percentiles } from './figures';
import type { Fields } from './fields';
import type { WindowPlan } from './window';

type Measured = 'hit' | 'miss';

/** Bucket counts and each bucket's latency sum, for one status. */
interface Buckets {
  counts: number[];
  sums: number[];
}

/** The per-minute series hashes of a window, regrouped: counts per second, latency buckets per 5-second slot. */
export interface Series {
  perSecond: Map<number, Record<CacheStatus, number>>;
  perSlot: Map<number, Record<Measured, Buckets>>;
}

const zeroCounts = () => Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<CacheStatus, number>;
const zeroBuckets = (): Buckets => ({ counts: BUCKET_BOUNDS_MS.map(() => 0), sums: BUCKET_BOUNDS_MS.map(() => 0) });
const isStatus = (text: string): text is CacheStatus => (STATUSES as readonly string[]).includes(text);

/**
 * Fields `<second>:<status>` are counts, `<slot>:<status>:b<bucket>` histogram slots and
 * `<slot>:<status>:b<bucket>:ms` their latency sums; per-second latency sums are not charted.
 */
export function parseSeries(hashes: readonly Fields[]): Series {
  const series: Series = { perSecond: new Map(), perSlot: new Map() };
  for (const hash of hashes) {
    for (const [name, value] of Object.entries(hash)) {
      const parsed = parseSeriesField(name);
      if (!parsed || !isStatus(parsed.status)) continue;
      const { at, status } = parsed;
      if (parsed.kind === 'second') addCount(series, at, status, value);
      else if (status === 'hit' || status === 'miss') addBucket(series, at, status, parsed.bucket, parsed.part, value);
    }
  }
  return series;
}

function addCount(series: Series, second: number, status: CacheStatus, count: number) {
  let counts = series.perSecond.get(second);
  if (!counts) series.perSecond.set(second, (counts = zeroCounts()));
  counts[status] += count;
}

function addBucket(series: Series, slot: number, status: Measured, bucket: number, part: keyof Buckets, value: number) {
  if (!Number.isInteger(bucket) || bucket < 0 || bucket >= BUCKET_BOUNDS_MS.length) return;
  let slots = series.perSlot.get(slot);
  if (!slots) series.perSlot.set(slot, (slots = { hit: zeroBuckets(), miss: zeroBuckets() }));
  slots[status][part][bucket] = (slots[status][part][bucket] ?? 0) + value;
}

/** Requests per second by status, and near-cache invalidations per second, averaged over each bin. */
export function throughput(series: Series, plan: WindowPlan, invalidationHashes: readonly Fields[] = []): ThroughputPoint[] {
  const invalidated = new Map<number, number>();
  for (const hash of invalidationHashes) for (const [name, count] of Object.entries(hash)) {
    const second = invalidationSecond(name);
    invalidated.set(second, (invalidated.get(second) ?? 0) + count);
  }
  return plan.bins.map((start) => {
    const counts = zeroCounts();
    let invalidations = 0;
    for (let second = start; second < start + plan.step; second += 1) {
      const found = series.perSecond.get(second);
      if (found) for (const status of STATUSES) counts[status] += found[status];
      invalidations += invalidated.get(second) ?? 0;
    }
    const rates = Object.fromEntries(STATUSES.map((status) => [status, round(counts[status] / plan.step)])) as Record<CacheStatus, number>;
    return { t: start, rates, hitRatio: hitRatio(counts), invalidations: round(invalidations / plan.step) };
  });
}

/** Percentiles per bin from the merged slot histograms (merging buckets is exact; averaging percentiles is not). */
export function percentileSeries(series: Series, plan: WindowPlan): PercentilePoint[] {
  return plan.percentileBins.map((start) => {
    const merged = mergeSlots(series, start, start + plan.percentileStep);
    return { t: start, hit: percentiles(merged.hit.counts, merged.hit.sums), miss: percentiles(merged.miss.counts, merged.miss.sums) };
  });
}

/** The latency distribution of hits and of misses over the whole window. */
export function windowHistogram(series: Series, plan: WindowPlan): HistogramBar[] {
  const start = plan.percentileBins[0] ?? plan.from;
  const merged = mergeSlots(series, start, start + plan.percentileBins.length * plan.percentileStep);
  return BUCKET_BOUNDS_MS.map((bound, index) => ({
    label: bucketLabel(index),
    upperMs: Number.isFinite(bound) ? bound : null,
    hit: merged.hit.counts[index] ?? 0,
    miss: merged.miss.counts[index] ?? 0,
  }));
}

function mergeSlots(series: Series, start: number, end: number): Record<Measured, Buckets> {
  const merged = { hit: zeroBuckets(), miss: zeroBuckets() };
  for (let slot = start; slot < end; slot += PERCENTILE_SLOT_SECONDS) {
    const found = series.perSlot.get(slot);
    if (!found) continue;
    for (const status of ['hit', 'miss'] as const) {
      for (const part of ['counts', 'sums'] as const) found[status][part].forEach((value, index) => (merged[status][part][index] = (merged[status][part][index] ?? 0) + value));
    }
  }
  return merged;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
