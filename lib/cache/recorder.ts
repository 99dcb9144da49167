import 'server-only';
import { randomBytes } from 'node:crypto';
import { env } from '../env';
import { RedisUnavailableError, withRedis, type RedisClient } from '../redis';
import { recordProblem, resolveProblem } from '../redis-problems';
import { BUCKET_BOUNDS_MS, bucketIndex, bucketSumField } from './histogram';
import { clusterLayout, hashTagOf, statsKeys, strategyFields } from './keys';
import { applyBatchCommand } from './scripts';
import type { CacheStatus, CacheStrategy, TrafficSource } from './types';

export interface Observation {
  scenario: string;
  source: TrafficSource;
  status: CacheStatus;
  key: string;
  latencyMs: number;
  computeMs: number;
  at: number;
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
/** How long Redis remembers an applied batch id: far longer than any retry waits. */
const APPLIED_IDS_TTL_SECONDS = 3600;
/** Batches in doubt kept for a resend; beyond that the oldest are dropped (with a warning). */
const MAX_IN_DOUBT = 1000;

type Deltas = Map<string, Map<string, number>>;

interface Pending {
  counts: Deltas;
  sums: Deltas;
  expiries: Map<string, number>;
  events: Observation[];
  fields: number;
}

/**
 * A sealed batch: its id makes a resend harmless, `mayHaveLanded` says whether one is needed.
 * It writes the keys of one slot group only (`group`: their hash tag in a cluster, '' on one server).
 */
interface Batch {
  id: string;
  group: string;
  minute: number;
  pending: Pending;
  mayHaveLanded: boolean;
}

/** Key and field names of one (source, scenario, status); see `namesFor`. */
interface Names {
  totals: string;
  histogram: string;
  n: string;
  ms: string;
  /** Histogram fields by bucket index, and the fields of their latency sums. */
  buckets: string[];
  bucketSums: string[];
  /** The second that the series fields below are for. */
  second: number;
  series: string;
  secondCount: string;
  secondMs: string;
  /** Per-slot histogram fields by bucket index, filled as buckets occur, and their latency sums. */
  slotBuckets: (string | undefined)[];
  slotBucketSums: (string | undefined)[];
}

const COMPUTE_BUCKETS = BUCKET_BOUNDS_MS.map((_, index) => `compute:${index}`);
const STRATEGY_FIELDS = new Map<CacheStrategy, ReturnType<typeof strategyFields>>();
const fieldsOf = (strategy: CacheStrategy) => STRATEGY_FIELDS.get(strategy) ?? STRATEGY_FIELDS.set(strategy, strategyFields(strategy)).get(strategy)!;

const empty = (): Pending => ({ counts: new Map(), sums: new Map(), expiries: new Map(), events: [], fields: 0 });
const isEmpty = (pending: Pending) => pending.fields === 0 && pending.events.length === 0;

/**
 * Batches everything the cache records about a request — its count, latency sums,
 * histograms, per-second series and the recent-requests stream — and writes it with one
 * script every 250 ms (or sooner under load), so the hit path stays one Redis round trip.
 *
 * Counts stay exact through outages: a batch that certainly did not reach Redis is merged
 * into the next one; a batch that may have (timeout, connection lost mid-flight) is sent
 * again under the same id, and Redis applies each id once. So hits + misses + coalesced +
 * stale + bypasses always equals requests, never more (no replayed increments), never less.
 */
export class MetricsRecorder {
  private pending = empty();
  private readonly names = new Map<TrafficSource, Map<string, Map<CacheStatus, Names>>>();
  private inDoubt: Batch[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly instance = randomBytes(6).toString('hex');
  private sequence = 0;

  constructor(private readonly prefix: string = env.CACHE_PREFIX) {}

  observe(observation: Observation): void {
    const { source, scenario, status, latencyMs, computeMs, at } = observation;
    const second = Math.floor(at / 1000);
    const names = this.namesFor(source, scenario, status, second);
    this.add('counts', names.totals, status, 1);
    this.add('counts', names.totals, names.n, 1);
    this.add('sums', names.totals, names.ms, latencyMs);
    const bucket = bucketIndex(latencyMs);
    this.add('counts', names.histogram, names.buckets[bucket]!, 1);
    // Each bucket's latency sum: percentiles of few samples are then exact (see percentileFromBuckets).
    this.add('sums', names.histogram, names.bucketSums[bucket]!, latencyMs);
    if (computeMs > 0) {
      this.add('counts', names.totals, 'compute_n', 1);
      this.add('sums', names.totals, 'compute_ms', computeMs);
      // Compute time on its own (field `compute:<bucket>`), for the Prometheus compute histogram.
      this.add('counts', names.histogram, COMPUTE_BUCKETS[bucketIndex(computeMs)]!, 1);
    }
    this.pending.expiries.set(names.histogram, HISTOGRAM_TTL_SECONDS);
    if (observation.strategy) this.countForStrategy(names.totals, observation.strategy, computeMs > 0);

    this.add('counts', names.series, names.secondCount, 1);
    this.add('sums', names.series, names.secondMs, latencyMs);
    const slotBucket = (names.slotBuckets[bucket] ??= `${second - (second % PERCENTILE_SLOT_SECONDS)}:${status}:b${bucket}`);
    this.add('counts', names.series, slotBucket, 1);
    this.add('sums', names.series, (names.slotBucketSums[bucket] ??= bucketSumField(slotBucket)), latencyMs);
    this.pending.expiries.set(names.series, env.METRICS_RETENTION_SECONDS);

    this.pending.events.push(observation);
    if (this.pending.events.length > EVENTS_KEPT) this.pending.events.shift();
    this.schedule();
  }

  /**
   * The keys and fields one observation touches, built once per scenario and status (and
   * once per second for the series): recording a request then builds and hashes no new
   * strings, which was most of its cost on the hit path.
   */
  private namesFor(source: TrafficSource, scenario: string, status: CacheStatus, second: number): Names {
    let bySource = this.names.get(source);
    if (!bySource) this.names.set(source, (bySource = new Map()));
    let byStatus = bySource.get(scenario);
    if (!byStatus) bySource.set(scenario, (byStatus = new Map()));
    let names = byStatus.get(status);
    if (!names) {
      names = {
        totals: statsKeys.totals(source, scenario, this.prefix),
        histogram: statsKeys.histogram(source, scenario, this.prefix),
        n: `${status}_n`,
        ms: `${status}_ms`,
        buckets: BUCKET_BOUNDS_MS.map((_, index) => `${status}:${index}`),
        bucketSums: BUCKET_BOUNDS_MS.map((_, index) => bucketSumField(`${status}:${index}`)),
        second: -1,
        series: '',
        secondCount: '',
        secondMs: '',
        slotBuckets: [],
        slotBucketSums: [],
      };
      byStatus.set(status, names);
    }
    if (names.second !== second) {
      names.second = second;
      names.series = statsKeys.series(source, scenario, Math.floor(second / 60), this.prefix);
      names.secondCount = `${second}:${status}`;
      names.secondMs = `${second}:${status}:ms`;
      names.slotBuckets = [];
      names.slotBucketSums = [];
    }
    return names;
  }

  /** Background refreshes count as computations (of their strategy) but not as requests. */
  observeRefresh({ source, scenario, strategy, computeMs }: Refresh): void {
    const totals = statsKeys.totals(source, scenario, this.prefix);
    this.add('counts', totals, 'compute_n', 1);
    this.add('sums', totals, 'compute_ms', computeMs);
    this.add('counts', totals, 'refreshes', 1);
    const histogram = statsKeys.histogram(source, scenario, this.prefix);
    this.add('counts', histogram, COMPUTE_BUCKETS[bucketIndex(computeMs)]!, 1);
    this.pending.expiries.set(histogram, HISTOGRAM_TTL_SECONDS);
    this.add('counts', totals, fieldsOf(strategy).computations, 1);
    this.schedule();
  }

  /** Per strategy, so the dashboard can say "200 requests → 1 computation". */
  private countForStrategy(totals: string, strategy: CacheStrategy, computed: boolean) {
    const fields = fieldsOf(strategy);
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
    if (isEmpty(this.pending) && this.inDoubt.length === 0) return;
    const batches = this.inDoubt.splice(0);
    if (!isEmpty(this.pending)) batches.push(...this.seal());
    this.flushing = this.send(batches).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** What is pending, as one batch per slot group: in a cluster each lands on its own node, exactly once. */
  private seal(): Batch[] {
    const minute = Math.floor(Date.now() / 60_000);
    const groups = splitBySlotGroup(this.pending, statsKeys.events(this.prefix));
    this.pending = empty();
    return [...groups].map(([group, pending]) => ({ id: `${this.instance}:${(this.sequence += 1)}`, group, minute, pending, mayHaveLanded: false }));
  }

  /** Oldest first; after a failure the rest wait for the next flush. */
  private async send(batches: Batch[]): Promise<void> {
    for (const [index, batch] of batches.entries()) {
      try {
        await withRedis((client) => applyBatch(client, batch, this.prefix));
        resolveProblem('metrics_flush');
      } catch (error) {
        noteFlushFailure(error);
        if (!(error instanceof RedisUnavailableError && error.notSent)) batch.mayHaveLanded = true;
        for (const unsent of batches.slice(index)) this.keep(unsent);
        this.schedule();
        return;
      }
    }
  }

  /**
   * Keeps what a failed flush must not lose: the counts (they must stay exact). Latency
   * detail only describes the outage and would otherwise grow without bound, so it goes.
   */
  private keep(batch: Batch) {
    if (!batch.mayHaveLanded) {
      for (const [key, field, delta] of totalsCounts(batch.pending)) this.add('counts', key, field, delta);
      return;
    }
    const counts = empty();
    for (const [key, field, delta] of totalsCounts(batch.pending)) addTo(counts, 'counts', key, field, delta);
    this.inDoubt.push({ ...batch, pending: counts });
    if (this.inDoubt.length > MAX_IN_DOUBT) {
      this.inDoubt.shift();
      console.warn('[cachelab] Redis has not confirmed metrics for a long time: dropping the oldest unconfirmed counts');
    }
  }

  private add(kind: 'counts' | 'sums', key: string, field: string, delta: number) {
    addTo(this.pending, kind, key, field, delta);
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

function addTo(pending: Pending, kind: 'counts' | 'sums', key: string, field: string, delta: number) {
  let fields = pending[kind].get(key);
  if (!fields) pending[kind].set(key, (fields = new Map()));
  const previous = fields.get(field);
  if (previous === undefined) pending.fields += 1;
  fields.set(field, (previous ?? 0) + delta);
}

/** Request counts per status and errors; `<status>_n` goes with the latency sums it counts. */
function* totalsCounts(pending: Pending): Generator<[string, string, number]> {
  for (const [key, fields] of pending.counts) {
    if (!key.includes(':totals:')) continue;
    for (const [field, delta] of fields) if (!field.endsWith('_n')) yield [key, field, delta];
  }
}

/**
 * One Pending per slot group (the hash tag of its keys in a cluster; a single group on one
 * server, where `hashTagOf` would only split needlessly): a script may only write keys of one slot.
 */
function splitBySlotGroup(pending: Pending, eventsKey: string): Map<string, Pending> {
  if (!clusterLayout()) return new Map([['', pending]]);
  const groups = new Map<string, Pending>();
  const of = (key: string) => {
    const group = hashTagOf(key);
    let part = groups.get(group);
    if (!part) groups.set(group, (part = empty()));
    return part;
  };
  for (const kind of ['counts', 'sums'] as const) {
    for (const [key, fields] of pending[kind]) {
      const part = of(key);
      part[kind].set(key, fields);
      part.fields += fields.size;
    }
  }
  for (const [key, seconds] of pending.expiries) of(key).expiries.set(key, seconds);
  if (pending.events.length > 0) of(eventsKey).events = pending.events;
  return groups;
}

async function applyBatch(client: RedisClient, batch: Batch, prefix: string): Promise<void> {
  const keys = [statsKeys.flushed(batch.minute, prefix, batch.group)];
  const indexOf = new Map<string, string>();
  const slot = (key: string) => {
    let index = indexOf.get(key);
    if (index === undefined) indexOf.set(key, (index = String(keys.push(key))));
    return index;
  };
  const { counts, sums, expiries, events } = batch.pending;
  const section = (entries: string[][]) => [String(entries.length), ...entries.flat()];
  const args = [
    batch.id,
    String(APPLIED_IDS_TTL_SECONDS),
    ...section([...counts].flatMap(([key, fields]) => [...fields].filter(([, delta]) => delta !== 0).map(([field, delta]) => [slot(key), field, String(delta)]))),
    ...section([...sums].flatMap(([key, fields]) => [...fields].map(([field, delta]) => [slot(key), field, String(round(delta))]))),
    ...section([...expiries].map(([key, seconds]) => [slot(key), String(seconds)])),
    String(events.length),
    ...(events.length > 0 ? [slot(statsKeys.events(prefix)), String(EVENTS_KEPT)] : []),
    ...events.flatMap((event) => {
      const fields = eventFields(event);
      return [String(fields.length), ...fields];
    }),
  ];
  await applyBatchCommand(client, keys.length)(...keys, ...args);
}

let lastFlushWarning = 0;
/** A flush that failed: counted where /api/health reports it, and logged at most every 10 s. */
function noteFlushFailure(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  recordProblem('metrics_flush', message);
  const now = Date.now();
  if (now - lastFlushWarning < 10_000) return;
  lastFlushWarning = now;
  console.warn(`[cachelab] metrics flush failed (counts kept for the next one): ${message}`);
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
