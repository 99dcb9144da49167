import 'server-only';
import { Counter, Registry, type Histogram } from 'prom-client';
import { ERROR_FIELD, latencySumField } from '../cache/fields';
import { BUCKET_BOUNDS_MS } from '../cache/histogram';
import { SOURCES, STATUSES } from '../cache/types';
import { withRedis } from '../core/redis';
import { meteredSubjects } from '../features/stats';
import { bucketCounts, field, type Fields } from '../features/stats/fields';
import { readMetricHashes } from '../features/stats/read';

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

/**
 * Prometheus text exposition of the figures held in Redis, so several app instances report
 * the same totals. Labels are the scenario and the result only: never a cache key, whose
 * number is unbounded.
 */
export async function prometheusMetrics(): Promise<{ contentType: string; body: string }> {
  const ids = meteredSubjects().map((subject) => subject.id);
  const { byScenario } = await withRedis((client) => readMetricHashes(client, { scenarios: ids, charted: [], sources: SOURCES, minutes: [] }));
  const registry = new Registry();
  const requests = new Counter({ name: 'cachelab_cache_requests_total', help: 'Requests through the cache, by scenario and result.', labelNames: ['scenario', 'result'], registers: [registry] });
  const errors = new Counter({ name: 'cachelab_cache_errors_total', help: 'Requests whose compute failed or that met a value that was not ours.', labelNames: ['scenario'], registers: [registry] });
  const lookups: HistogramSeries[] = [];
  const computes: HistogramSeries[] = [];

  for (const [scenario, { totals, histogram }] of byScenario) {
    for (const result of STATUSES) {
      requests.inc({ scenario, result }, Math.max(0, field(totals, result)));
      lookups.push(histogramSeries({ scenario, result }, histogram, result, totals, latencySumField(result)));
    }
    errors.inc({ scenario }, Math.max(0, field(totals, ERROR_FIELD)));
    computes.push(histogramSeries({ scenario }, histogram, 'compute', totals, latencySumField('compute')));
  }
  register(registry, new RedisHeldHistogram('cachelab_cache_lookup_duration_seconds', 'Time to answer a request through the cache, by scenario and result.', lookups));
  register(registry, new RedisHeldHistogram('cachelab_compute_duration_seconds', 'Time the expensive work took when it ran (misses and bypasses).', computes));
  return { contentType: registry.contentType, body: await registry.metrics() };
}

function histogramSeries(labels: Labels, histogram: Fields, bucketField: string, totals: Fields, sumField: string): HistogramSeries {
  return { labels, buckets: bucketCounts(histogram, bucketField), sumSeconds: field(totals, sumField) / 1000 };
}

/** The registry formats any object with name, help, type and get(); its types list only its own classes. */
function register(registry: Registry, metric: RedisHeldHistogram) {
  registry.registerMetric(metric as unknown as Histogram);
}
