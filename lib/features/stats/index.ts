import 'server-only';
import { SOURCES, type TrafficSource } from '../../cache/types';
import type { SourceFilter, StatsResponse } from '../../contracts/dashboard';
import { withRedis } from '../../core/redis';
import { NEXT_METRIC } from '../../next-cache/metric';
import { SCENARIOS } from '../../scenarios/registry';
import { figuresOf, totalFigures } from './figures';
import { readMetricHashes } from './read';
import { parseSeries, percentileSeries, throughput, windowHistogram } from './series';
import { planWindow } from './window';

export interface StatsQuery {
  windowSeconds: number;
  source: SourceFilter;
  /** Restricts the charts to one scenario; the per-scenario figures always cover all. */
  scenario?: string;
}

/** What the figures are kept for: every scenario, and Next.js's own cache (lib/next-cache counts through the same recorder). */
export const meteredSubjects = (): { id: string; title: string }[] => [...SCENARIOS.map(({ id, title }) => ({ id, title })), NEXT_METRIC];

export const sourcesOf = (filter: SourceFilter): readonly TrafficSource[] => (filter === 'all' ? SOURCES : [filter]);

/** Everything the dashboard shows about traffic, from the metric hashes alone (one pipeline). */
export async function getStats(query: StatsQuery, nowMs = Date.now()): Promise<StatsResponse> {
  const plan = planWindow(query.windowSeconds, nowMs);
  const subjects = meteredSubjects();
  const ids = subjects.map((subject) => subject.id);
  const hashes = await withRedis((client) =>
    readMetricHashes(client, { scenarios: ids, charted: query.scenario ? [query.scenario] : SCENARIOS.map(({ id }) => id), sources: sourcesOf(query.source), minutes: plan.minutes }),
  );

  const parts = subjects.map((scenario) => {
    const { totals, histogram } = hashes.byScenario.get(scenario.id) ?? { totals: {}, histogram: {} };
    return { id: scenario.id, title: scenario.title, totals, histogram, figures: figuresOf(totals, histogram) };
  });
  const series = parseSeries(hashes.series);
  return {
    generatedAt: nowMs,
    source: query.source,
    scenario: query.scenario ?? null,
    window: { seconds: plan.seconds, step: plan.step, percentileStep: plan.percentileStep, from: plan.from, to: plan.to },
    // The requests of the scenarios; Next's own cache reads (page renders) are a row and a chart of their own.
    total: totalFigures(parts.filter(({ id }) => id !== NEXT_METRIC.id)),
    scenarios: parts.map(({ id, title, figures }) => ({ id, title, figures })),
    throughput: throughput(series, plan, hashes.invalidations),
    percentiles: percentileSeries(series, plan),
    histogram: windowHistogram(series, plan),
  };
}
