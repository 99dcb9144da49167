import 'server-only';
import type { RedisClient } from '../../core/redis';
import { statsKeys } from '../../cache/keys';
import type { TrafficSource } from '../../cache/types';
import { numericFields, sumFields, type Fields } from './fields';

export interface MetricsRequest {
  scenarios: readonly string[];
  /** The scenarios whose per-minute series the charts need. */
  charted: readonly string[];
  sources: readonly TrafficSource[];
  minutes: readonly number[];
}

export interface ScenarioHashes {
  totals: Fields;
  histogram: Fields;
}

export interface MetricHashes {
  byScenario: Map<string, ScenarioHashes>;
  series: Fields[];
  /** Near-cache invalidations per second (field = second), one hash per minute of the window. */
  invalidations: Fields[];
}

/**
 * Every metric hash the dashboard needs, all in flight at once: the totals and histogram of each
 * scenario and source, plus the series hashes of the window's minutes. The cost depends on
 * scenarios × sources × minutes, never on how many keys the cache holds. (Sent as separate
 * commands, not one pipeline: in a cluster the hashes live on different nodes.)
 */
export async function readMetricHashes(client: RedisClient, request: MetricsRequest): Promise<MetricHashes> {
  const keys: string[] = [];
  for (const scenario of request.scenarios) {
    for (const source of request.sources) keys.push(statsKeys.totals(source, scenario), statsKeys.histogram(source, scenario));
  }
  for (const scenario of request.charted) {
    for (const source of request.sources) for (const minute of request.minutes) keys.push(statsKeys.series(source, scenario, minute));
  }
  const seriesEnd = keys.length;
  for (const minute of request.minutes) keys.push(statsKeys.nearInvalidations(minute));
  const replies = await Promise.all(keys.map((key) => client.hgetall(key)));

  let next = 0;
  const take = () => numericFields(replies[next++] ?? {});
  const byScenario = new Map<string, ScenarioHashes>();
  for (const scenario of request.scenarios) {
    const totals: Fields[] = [];
    const histograms: Fields[] = [];
    for (let index = 0; index < request.sources.length; index += 1) {
      totals.push(take());
      histograms.push(take());
    }
    byScenario.set(scenario, { totals: sumFields(totals), histogram: sumFields(histograms) });
  }
  const series = replies.slice(next, seriesEnd).map((reply) => numericFields(reply ?? {}));
  const invalidations = replies.slice(seriesEnd).map((reply) => numericFields(reply ?? {}));
  return { byScenario, series, invalidations };
}
