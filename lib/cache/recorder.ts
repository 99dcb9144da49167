import 'server-only';
import type Redis from 'ioredis';
import { env } from '../env';
import { RedisUnavailableError, withRedis } from '../redis';
import { bucketIndex } from './histogram';
import { statsKeys, strategyFields } from './keys';
import type { CacheStatus, CacheStrategy, TrafficSource } from './types';

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
  /** The strategy that served it; null when the cache was not used (bypass). */
  strategy: CacheStrategy | null;
}

/** A computation no request waited for: a stale-while-revalidate refresh in the background. */
export interface Refresh {
  scenario: string;
  source: TrafficSource;
  strategy: CacheStrategy;
  computeMs: number;
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
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly prefix: string = env.CACHE_PREFIX) {}

  observe(observation: Observation): void {
    const { source, scenario, status, latencyMs, computeMs, at } = observation;
    const totals = statsKeys.totals(source, scenario, this.prefix);
    if (!observation.counted) this.add('counts', totals, status, 1);
    this.add('counts', totals, `${status}_n`, 1);
    this.add('sums', totals, `${status}_ms`, latencyMs);
    if (computeMs > 0) {
      this.add('counts', totals, 'compute_n', 1);
      this.add('sums', totals, 'compute_ms', computeMs);
    }
    const bucket = bucketIndex(latencyMs);
    const histogram = statsKeys.histogram(source, scenario, this.prefix);
    this.add('counts', histogram, `${status}:${bucket}`, 1);
    this.pending.expiries.set(histogram, HISTOGRAM_TTL_SECONDS);
    if (observation.strategy) this.countForStrategy(totals, observation.strategy, computeMs > 0);

    const second = Math.floor(at / 1000);
    const series = statsKeys.series(source, scenario, Math.floor(second / 60), this.prefix);
    const slot = second - (second % PERCENTILE_SLOT_SECONDS);
    this.add('counts', series, `${second}:${status}`, 1);
    this.add('sums', series, `${second}:${status}:ms`, latencyMs);
    this.add('counts', series, `${slot}:${status}:b${bucket}`, 1);
    this.pending.expiries.set(series, env.METRICS_RETENTION_SECONDS);

    this.pending.events.push(observation);
    if (this.pending.events.length > EVENTS_KEPT) this.pending.events.shift();
    this.schedule();
  }

  /** Background refreshes count as computations (of their strategy) but not as requests. */
  observeRefresh({ source, scenario, strategy, computeMs }: Refresh): void {
    const totals = statsKeys.totals(source, scenario, this.prefix);
    this.add('counts', totals, 'compute_n', 1);
    this.add('sums', totals, 'compute_ms', computeMs);
    this.add('counts', totals, 'refreshes', 1);
    this.add('counts', totals, strategyFields(strategy).computations, 1);
    this.schedule();
  }

  /** Per strategy, so the dashboard can say "200 requests → 1 computation". */
  private countForStrategy(totals: string, strategy: CacheStrategy, computed: boolean) {
    const fields = strategyFields(strategy);
    this.add('counts', totals, fields.requests, 1);
    if (computed) this.add('counts', totals, fields.computations, 1);
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
