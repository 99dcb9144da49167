import 'server-only';
import type Redis from 'ioredis';
import { statsKeys } from '../cache/keys';
import type { TrafficSource } from '../cache/types';
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
}

/**
 * Every metric hash the dashboard needs, in one pipeline: the totals and histogram of each
 * scenario and source, plus the series hashes of the window's minutes. The cost depends on
 * scenarios × sources × minutes, never on how many keys the cache holds.
 */
export async function readMetricHashes(client: Redis, request: MetricsRequest): Promise<MetricHashes> {
  const pipeline = client.pipeline();
  for (const scenario of request.scenarios) {
    for (const source of request.sources) {
      pipeline.hgetall(statsKeys.totals(source, scenario));
      pipeline.hgetall(statsKeys.histogram(source, scenario));
    }
  }
  for (const scenario of request.charted) {
    for (const source of request.sources) for (const minute of request.minutes) pipeline.hgetall(statsKeys.series(source, scenario, minute));
  }
  const replies = await execAll(pipeline);

  let next = 0;
  const take = () => numericFields((replies[next++] ?? {}) as Record<string, string>);
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
  const series = replies.slice(next).map((reply) => numericFields((reply ?? {}) as Record<string, string>));
  return { byScenario, series };
}

/** A pipeline's replies, or the first error it met. */
export async function execAll(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return results.map(([, reply]) => reply);
}
