import 'server-only';
import { env } from '../core/env';
import { bucketField, latencySumField, sampleCountField, secondField, slotBucketField, strategyFields, sumField } from './fields';
import { BUCKET_BOUNDS_MS, bucketIndex } from './histogram';
import { statsKeys } from './keys';
import type { CacheStatus, CacheStrategy, TrafficSource } from './types';

/** Seconds per slot of the latency-percentile series; counts and sums are per second. */
export const PERCENTILE_SLOT_SECONDS = 5;
export const HISTOGRAM_TTL_SECONDS = 7 * 24 * 3600;

/** Where folded tallies go: the recorder's pending batch. */
export interface TallySink {
  add(kind: 'counts' | 'sums', key: string, field: string, delta: number): void;
  expire(key: string, seconds: number): void;
}

/** What one request adds; the recorder keeps the rest of the observation for the events stream. */
export interface Counted {
  source: TrafficSource;
  scenario: string;
  status: CacheStatus;
  latencyMs: number;
  computeMs: number;
  at: number;
  strategy: CacheStrategy | null;
}

const BUCKETS = BUCKET_BOUNDS_MS.length;
export const COMPUTE_FIELDS = BUCKET_BOUNDS_MS.map((_, index) => bucketField('compute', index));
const zeros = () => new Array<number>(BUCKETS).fill(0);

/**
 * The numbers of one (source, scenario, status) since the last fold. Counting a request adds
 * to plain numbers and arrays: no key or field string is built, hashed or looked up per
 * request — that happens once per fold (every flush, or when the second changes), which was
 * most of the recording cost on the hit path.
 */
class StatusTally {
  dirty = false;
  private requests = 0;
  private latencyMs = 0;
  private readonly buckets = zeros();
  /** Each bucket's latency sum: percentiles of few samples are then exact (see percentileFromBuckets). */
  private readonly bucketMs = zeros();
  private computeN = 0;
  private computeMs = 0;
  private readonly computeBuckets = zeros();
  private readonly byStrategy = new Map<CacheStrategy, { requests: number; computations: number }>();
  /** The second the series numbers below are for (-1: none yet). */
  private second = -1;
  private secondCount = 0;
  private secondMs = 0;
  private readonly slotBuckets = zeros();
  private readonly slotBucketMs = zeros();
  private readonly totals: string;
  private readonly histogram: string;
  private readonly bucketFields: string[];
  private readonly bucketSumFields: string[];

  constructor(
    private readonly source: TrafficSource,
    private readonly scenario: string,
    private readonly status: CacheStatus,
    private readonly prefix: string,
  ) {
    this.totals = statsKeys.totals(source, scenario, prefix);
    this.histogram = statsKeys.histogram(source, scenario, prefix);
    this.bucketFields = BUCKET_BOUNDS_MS.map((_, index) => bucketField(status, index));
    this.bucketSumFields = this.bucketFields.map(sumField);
  }

  add(counted: Counted, second: number, sink: TallySink) {
    if (second !== this.second) {
      if (this.dirty) this.fold(sink);
      this.second = second;
    }
    this.dirty = true;
    const bucket = bucketIndex(counted.latencyMs);
    this.requests += 1;
    this.latencyMs += counted.latencyMs;
    this.buckets[bucket]! += 1;
    this.bucketMs[bucket]! += counted.latencyMs;
    this.secondCount += 1;
    this.secondMs += counted.latencyMs;
    this.slotBuckets[bucket]! += 1;
    this.slotBucketMs[bucket]! += counted.latencyMs;
    const computed = counted.computeMs > 0;
    if (computed) {
      this.computeN += 1;
      this.computeMs += counted.computeMs;
      // Compute time on its own (bucket fields of status `compute`), for the Prometheus compute histogram.
      this.computeBuckets[bucketIndex(counted.computeMs)]! += 1;
    }
    if (counted.strategy) {
      let perStrategy = this.byStrategy.get(counted.strategy);
      if (!perStrategy) this.byStrategy.set(counted.strategy, (perStrategy = { requests: 0, computations: 0 }));
      perStrategy.requests += 1;
      if (computed) perStrategy.computations += 1;
    }
  }

  /** Writes everything counted since the last fold into `sink`, and starts from zero. */
  fold(sink: TallySink) {
    if (!this.dirty) return;
    this.dirty = false;
    const { totals, histogram, status } = this;
    if (this.requests > 0) {
      sink.add('counts', totals, status, this.requests);
      sink.add('counts', totals, sampleCountField(status), this.requests);
      sink.add('sums', totals, latencySumField(status), this.latencyMs);
    }
    drain(this.buckets, (index, count) => sink.add('counts', histogram, this.bucketFields[index]!, count));
    drain(this.bucketMs, (index, ms) => sink.add('sums', histogram, this.bucketSumFields[index]!, ms));
    if (this.computeN > 0) {
      sink.add('counts', totals, sampleCountField('compute'), this.computeN);
      sink.add('sums', totals, latencySumField('compute'), this.computeMs);
    }
    drain(this.computeBuckets, (index, count) => sink.add('counts', histogram, COMPUTE_FIELDS[index]!, count));
    sink.expire(histogram, HISTOGRAM_TTL_SECONDS);
    for (const [strategy, counts] of this.byStrategy) {
      const fields = strategyFields(strategy);
      if (counts.requests > 0) sink.add('counts', totals, fields.requests, counts.requests);
      if (counts.computations > 0) sink.add('counts', totals, fields.computations, counts.computations);
    }
    this.byStrategy.clear();
    this.foldSeries(sink);
    this.requests = 0;
    this.latencyMs = 0;
    this.computeN = 0;
    this.computeMs = 0;
  }

  private foldSeries(sink: TallySink) {
    const { second, status } = this;
    if (this.secondCount === 0) return;
    const series = statsKeys.series(this.source, this.scenario, Math.floor(second / 60), this.prefix);
    const perSecond = secondField(second, status);
    sink.add('counts', series, perSecond, this.secondCount);
    sink.add('sums', series, sumField(perSecond), this.secondMs);
    const slot = second - (second % PERCENTILE_SLOT_SECONDS);
    drain(this.slotBuckets, (index, count) => sink.add('counts', series, slotBucketField(slot, status, index), count));
    drain(this.slotBucketMs, (index, ms) => sink.add('sums', series, sumField(slotBucketField(slot, status, index)), ms));
    sink.expire(series, env.METRICS_RETENTION_SECONDS);
    this.secondCount = 0;
    this.secondMs = 0;
  }
}

/** Hands each non-zero count (or sum) to `write` and zeroes it. */
function drain(counts: number[], write: (index: number, count: number) => void) {
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index]!;
    if (count === 0) continue;
    write(index, count);
    counts[index] = 0;
  }
}

/** Every tally of one recorder, found per request by three Map lookups on values it already has. */
export class Tallies {
  private readonly bySource = new Map<TrafficSource, Map<string, Map<CacheStatus, StatusTally>>>();
  private readonly all: StatusTally[] = [];

  constructor(private readonly prefix: string) {}

  add(counted: Counted, sink: TallySink): void {
    this.tallyOf(counted).add(counted, Math.floor(counted.at / 1000), sink);
  }

  fold(sink: TallySink): void {
    for (const tally of this.all) tally.fold(sink);
  }

  private tallyOf({ source, scenario, status }: Counted): StatusTally {
    let byScenario = this.bySource.get(source);
    if (!byScenario) this.bySource.set(source, (byScenario = new Map()));
    let byStatus = byScenario.get(scenario);
    if (!byStatus) byScenario.set(scenario, (byStatus = new Map()));
    let tally = byStatus.get(status);
    if (!tally) {
      byStatus.set(status, (tally = new StatusTally(source, scenario, status, this.prefix)));
      this.all.push(tally);
    }
    return tally;
  }
}
