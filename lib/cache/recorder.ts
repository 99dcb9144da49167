import 'server-only';
import type Redis from 'ioredis';
import { env } from '../env';
import { RedisUnavailableError, withRedis } from '../redis';
import { BUCKET_BOUNDS_MS, bucketIndex } from './histogram';
import { statsKeys } from './keys';
import type { CacheStatus, TrafficSource } from './types';

export interface Observation {
  scenario: string;
  source: TrafficSource;
  status: CacheStatus;
  key: string;
  latencyMs: number;
  computeMs: number;
  at: number;
  /** True when the lookup or store script already counted this request atomically. */
  counted: boolean;
}

/** Seconds per slot of the latency-percentile series; counts and sums are per second. */
export const PERCENTILE_SLOT_SECONDS = 5;
export const EVENTS_KEPT = 100;
const HISTOGRAM_TTL_SECONDS = 7 * 24 * 3600;
const FLUSH_EVERY_MS = 250;
/** Flush early once this many distinct fields are pending, so a burst never piles up in memory. */
const FLUSH_AT_FIELDS = 2000;

type Deltas = Map<string, Map<string, number>>;

interface Pending {
  counts: Deltas;
  sums: Deltas;
  expiries: Map<string, number>;
  events: Observation[];
  fields: number;
}

interface Names {
  totals: string;
  histogram: string;
  n: string;
  ms: string;
  /** Histogram fields by bucket index. */
  buckets: string[];
  /** The second that the fields below are for. */
  second: number;
  series: string;
  secondCount: string;
  secondMs: string;
  /** Per-slot histogram fields by bucket index, filled as buckets occur. */
  slotBuckets: (string | undefined)[];
}

const empty = (): Pending => ({ counts: new Map(), sums: new Map(), expiries: new Map(), events: [], fields: 0 });

/**
 * Batches everything about a request except its hit/miss count: latency sums,
 * histograms, per-second series and the recent-requests stream. One pipelined flush
 * every 250 ms (or sooner under load) keeps the hit path at one Redis round trip.
 * Counts the scripts could not record (bypass, coalesced, outages) are kept until
 * Redis takes them, so hits + misses + coalesced + bypasses always equals requests.
 */
export class MetricsRecorder {
  private pending = empty();
  private readonly names = new Map<TrafficSource, Map<string, Map<CacheStatus, Names>>>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly prefix: string = env.CACHE_PREFIX) {}

  observe(observation: Observation): void {
    const { source, scenario, status, latencyMs, computeMs, at } = observation;
    const second = Math.floor(at / 1000);
    const names = this.namesFor(source, scenario, status, second);
    if (!observation.counted) this.add('counts', names.totals, status, 1);
    this.add('counts', names.totals, names.n, 1);
    this.add('sums', names.totals, names.ms, latencyMs);
    if (computeMs > 0) {
      this.add('counts', names.totals, 'compute_n', 1);
      this.add('sums', names.totals, 'compute_ms', computeMs);
    }
    const bucket = bucketIndex(latencyMs);
    this.add('counts', names.histogram, names.buckets[bucket]!, 1);
    this.pending.expiries.set(names.histogram, HISTOGRAM_TTL_SECONDS);

    this.add('counts', names.series, names.secondCount, 1);
    this.add('sums', names.series, names.secondMs, latencyMs);
    this.add('counts', names.series, (names.slotBuckets[bucket] ??= `${second - (second % PERCENTILE_SLOT_SECONDS)}:${status}:b${bucket}`), 1);
    this.pending.expiries.set(names.series, env.METRICS_RETENTION_SECONDS);

    this.pending.events.push(observation);
    if (this.pending.events.length > EVENTS_KEPT) this.pending.events.shift();
    this.schedule();
  }

  /**
   * The keys and fields one observation touches, built once per scenario and status (and
   * once per second for the series): recording a request then builds and hashes no new strings.
   */
  private namesFor(source: TrafficSource, scenario: string, status: CacheStatus, second: number): Names {
    let byStatus = this.names.get(source)?.get(scenario);
    if (!byStatus) {
      if (!this.names.has(source)) this.names.set(source, new Map());
      this.names.get(source)!.set(scenario, (byStatus = new Map()));
    }
    let names = byStatus.get(status);
    if (!names) {
      const histogram = statsKeys.histogram(source, scenario, this.prefix);
      const buckets = BUCKET_BOUNDS_MS.map((_, index) => `${status}:${index}`);
      names = { totals: statsKeys.totals(source, scenario, this.prefix), histogram, n: `${status}_n`, ms: `${status}_ms`, buckets, second: -1, series: '', secondCount: '', secondMs: '', slotBuckets: [] };
      byStatus.set(status, names);
    }
    if (names.second !== second) {
      names.second = second;
      names.series = statsKeys.series(source, scenario, Math.floor(second / 60), this.prefix);
      names.secondCount = `${second}:${status}`;
      names.secondMs = `${second}:${status}:ms`;
      names.slotBuckets = [];
    }
    return names;
  }

  /** Count corrections, e.g. a "hit" on a corrupt value that turned out to be a miss. */
  adjust(source: TrafficSource, scenario: string, field: string, delta: number): void {
    this.add('counts', statsKeys.totals(source, scenario, this.prefix), field, delta);
    this.schedule();
  }

  /** Write what is pending now; tests and shutdown call it, the timer does otherwise. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.fields === 0 && this.pending.events.length === 0) return;
    const batch = this.pending;
    this.pending = empty();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async write(batch: Pending): Promise<void> {
    try {
      await withRedis((client) => execBatch(client, batch, this.prefix));
    } catch (error) {
      // Not sent: keep the counts (they must stay exact) and let go of the rest, which
      // only describes latency during an outage and would otherwise grow without bound.
      if (error instanceof RedisUnavailableError && error.notSent) this.requeueCounts(batch);
    }
  }

  private requeueCounts(batch: Pending) {
    for (const [key, fields] of batch.counts) {
      if (!key.includes(':totals:')) continue;
      for (const [field, delta] of fields) if (!field.endsWith('_n')) this.add('counts', key, field, delta);
    }
    this.schedule();
  }

  private add(kind: 'counts' | 'sums', key: string, field: string, delta: number) {
    let fields = this.pending[kind].get(key);
    if (!fields) this.pending[kind].set(key, (fields = new Map()));
    const previous = fields.get(field);
    if (previous === undefined) this.pending.fields += 1;
    fields.set(field, (previous ?? 0) + delta);
  }

  private schedule() {
    if (this.pending.fields >= FLUSH_AT_FIELDS) {
      void this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_EVERY_MS);
    this.timer.unref?.();
  }
}

async function execBatch(client: Redis, batch: Pending, prefix: string): Promise<void> {
  const pipeline = client.pipeline();
  for (const [key, fields] of batch.counts) for (const [field, delta] of fields) if (delta !== 0) pipeline.hincrby(key, field, delta);
  for (const [key, fields] of batch.sums) for (const [field, delta] of fields) pipeline.hincrbyfloat(key, field, round(delta));
  for (const [key, seconds] of batch.expiries) pipeline.expire(key, seconds);
  const stream = statsKeys.events(prefix);
  for (const event of batch.events) {
    pipeline.xadd(stream, 'MAXLEN', String(EVENTS_KEPT), '*', ...eventFields(event));
  }
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}

function eventFields(event: Observation): string[] {
  return [
    't', String(event.at),
    'scenario', event.scenario,
    'source', event.source,
    'status', event.status,
    'key', event.key,
    'ms', String(round(event.latencyMs)),
  ];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

const RECORDER = Symbol.for('cachelab.metrics.recorder');
type Anchored = typeof globalThis & { [RECORDER]?: MetricsRecorder };

/** The process-wide recorder (anchored for the same reason as the Redis client). */
export function metricsRecorder(): MetricsRecorder {
  const anchor = globalThis as Anchored;
  anchor[RECORDER] ??= new MetricsRecorder();
  return anchor[RECORDER];
}

export const flushMetrics = () => metricsRecorder().flush();
