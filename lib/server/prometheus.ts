import 'server-only';
import { hostname } from 'node:os';
import { Counter, Gauge, Registry, type Histogram } from 'prom-client';
import { ERROR_FIELD, invalidationField, latencySumField } from '../cache/fields';
import { BUCKET_BOUNDS_MS } from '../cache/histogram';
import { SOURCES, STATUSES } from '../cache/types';
import { RedisUnavailableError } from '../core/circuit';
import { redisBreaker, withRedis } from '../core/redis';
import { getRedisInfo } from '../core/redis-info';
import { SCENARIOS } from '../scenarios/registry';
import { readRemovals, REMOVAL_REASONS } from '../features/keylife/removals';
import { bucketCounts, field, type Fields } from '../features/stats/fields';
import { readMetricHashes, type MetricHashes } from '../features/stats/read';

type Labels = Record<string, string>;

interface HistogramSeries {
  labels: Labels;
  /** Count per bucket of BUCKET_BOUNDS_MS (not cumulative). */
  buckets: number[];
  sumSeconds: number;
}

/**
 * A histogram whose buckets were counted elsewhere (in Redis, by every app instance):
 * prom-client's Histogram can only observe values one by one, so this hands the
 * registry finished bucket counts in the shape its own histograms produce.
 */
class RedisHeldHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly series: readonly HistogramSeries[],
  ) {}

  async get() {
    const values = this.series.flatMap(({ labels, buckets, sumSeconds }) => {
      let cumulative = 0;
      const finite = BUCKET_BOUNDS_MS.slice(0, -1).map((boundMs, index) => {
        cumulative += buckets[index] ?? 0;
        return { labels: { ...labels, le: boundMs / 1000 }, value: cumulative, metricName: `${this.name}_bucket` };
      });
      const count = buckets.reduce((sum, value) => sum + value, 0);
      return [
        ...finite,
        { labels: { ...labels, le: '+Inf' }, value: count, metricName: `${this.name}_bucket` },
        { labels, value: sumSeconds, metricName: `${this.name}_sum` },
        { labels, value: count, metricName: `${this.name}_count` },
      ];
    });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** The complete seconds the near-invalidation rate averages over (the current one is still being counted). */
export const NEAR_RATE_WINDOW_SECONDS = 10;

/** The breaker's state as one number, so a board can map it to colours: 0 closed, 1 half-open, 2 open. */
const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * This process among several on one Redis (a container's hostname, then the pid): the only label
 * of the per-process series. Not `instance`, which Prometheus sets itself to the scraped address.
 */
const APP_INSTANCE = `${hostname()}:${process.pid}`;

/**
 * Prometheus text exposition. The cache's figures are read from Redis, so several app instances
 * report the same totals; only the circuit breaker is this process's own, labelled `app_instance`.
 * Labels are the scenario, the result, the removal reason and the instance: never a cache key,
 * whose number is unbounded. When Redis cannot be read the per-process series are still served
 * (that is when the breaker matters) with `cachelab_redis_figures_read` 0.
 */
export async function prometheusMetrics(): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const read = new Gauge({ name: 'cachelab_redis_figures_read', help: 'Whether this scrape could read the figures held in Redis (1) or not (0: they are missing from it).', labelNames: ['app_instance'], registers: [registry] });
  const breaker = new Gauge({ name: 'cachelab_redis_breaker_state', help: 'This process\'s circuit breaker in front of Redis: 0 closed, 1 half-open (one trial call), 2 open (Redis skipped).', labelNames: ['app_instance'], registers: [registry] });
  breaker.set({ app_instance: APP_INSTANCE }, BREAKER_VALUE[redisBreaker().state]);
  try {
    registerRedisFigures(registry, await readRedisFigures());
    read.set({ app_instance: APP_INSTANCE }, 1);
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    read.set({ app_instance: APP_INSTANCE }, 0);
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}

interface RedisFigures {
  hashes: MetricHashes;
  nearSeconds: number[];
  removals: Awaited<ReturnType<typeof readRemovals>>;
  usedMemoryBytes: number | null;
  maxMemoryBytes: number | null;
}

async function readRedisFigures(): Promise<RedisFigures> {
  const nowSecond = Math.floor(Date.now() / 1000);
  const nearSeconds = Array.from({ length: NEAR_RATE_WINDOW_SECONDS }, (_, index) => nowSecond - 1 - index);
  const minutes = [...new Set(nearSeconds.map((second) => Math.floor(second / 60)))];
  const ids = SCENARIOS.map((scenario) => scenario.id);
  const [hashes, removals, info] = await Promise.all([
    withRedis((client) => readMetricHashes(client, { scenarios: ids, charted: [], sources: SOURCES, minutes })),
    withRedis((client) => readRemovals(client)),
    getRedisInfo(),
  ]);
  return { hashes, nearSeconds, removals, usedMemoryBytes: info.usedMemoryBytes, maxMemoryBytes: info.maxMemoryBytes };
}

function registerRedisFigures(registry: Registry, { hashes, nearSeconds, removals, usedMemoryBytes, maxMemoryBytes }: RedisFigures) {
  const requests = new Counter({ name: 'cachelab_cache_requests_total', help: 'Requests through the cache, by scenario and result.', labelNames: ['scenario', 'result'], registers: [registry] });
  const errors = new Counter({ name: 'cachelab_cache_errors_total', help: 'Requests whose compute failed or that met a value that was not ours.', labelNames: ['scenario'], registers: [registry] });
  const lookups: HistogramSeries[] = [];
  const computes: HistogramSeries[] = [];

  for (const [scenario, { totals, histogram }] of hashes.byScenario) {
    for (const result of STATUSES) {
      requests.inc({ scenario, result }, Math.max(0, field(totals, result)));
      lookups.push(histogramSeries({ scenario, result }, histogram, result, totals, latencySumField(result)));
    }
    errors.inc({ scenario }, Math.max(0, field(totals, ERROR_FIELD)));
    computes.push(histogramSeries({ scenario }, histogram, 'compute', totals, latencySumField('compute')));
  }
  register(registry, new RedisHeldHistogram('cachelab_cache_lookup_duration_seconds', 'Time to answer a request through the cache, by scenario and result.', lookups));
  register(registry, new RedisHeldHistogram('cachelab_compute_duration_seconds', 'Time the expensive work took when it ran (misses and bypasses).', computes));

  // Held per second (the dashboard's chart), not as a total: a rate over the last complete seconds is what Redis can answer.
  const invalidated = nearSeconds.reduce((sum, second) => sum + hashes.invalidations.reduce((inMinute, fields) => inMinute + field(fields, invalidationField(second)), 0), 0);
  new Gauge({ name: 'cachelab_near_invalidations_per_second', help: `Near-cache invalidations the app's instances received, per second over the last ${NEAR_RATE_WINDOW_SECONDS} complete seconds.`, registers: [registry] })
    .set(invalidated / NEAR_RATE_WINDOW_SECONDS);

  const removed = new Counter({ name: 'cachelab_keylife_removals_total', help: 'Cache entries Redis removed, as its keyspace notifications reported them to the key-life stream: expired or evicted.', labelNames: ['reason'], registers: [registry] });
  for (const reason of REMOVAL_REASONS) removed.inc({ reason }, removals[reason]);

  // The embedded store has no memory figures: the series are absent rather than a made-up 0.
  if (usedMemoryBytes !== null) new Gauge({ name: 'cachelab_redis_memory_used_bytes', help: 'Memory Redis uses (INFO used_memory; a cluster\'s masters summed).', registers: [registry] }).set(usedMemoryBytes);
  if (maxMemoryBytes !== null) new Gauge({ name: 'cachelab_redis_memory_max_bytes', help: 'Redis\' maxmemory (0: no limit; a cluster shows its first master\'s).', registers: [registry] }).set(maxMemoryBytes);
}

function histogramSeries(labels: Labels, histogram: Fields, bucketField: string, totals: Fields, sumField: string): HistogramSeries {
  return { labels, buckets: bucketCounts(histogram, bucketField), sumSeconds: field(totals, sumField) / 1000 };
}

/** The registry formats any object with name, help, type and get(); its types list only its own classes. */
function register(registry: Registry, metric: RedisHeldHistogram) {
  registry.registerMetric(metric as unknown as Histogram);
}
