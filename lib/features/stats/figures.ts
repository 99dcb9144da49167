import 'server-only';
import { percentileFromBuckets } from '../../cache/histogram';
import { ERROR_FIELD, latencySumField, sampleCountField, strategyFields } from '../../cache/fields';
import { hitRatio, STATUSES, STRATEGIES, type CacheStatus } from '../../cache/types';
import type { LatencyFigures, Percentiles, ScenarioFigures, StrategyFigures } from '../../contracts/dashboard';
import { bucketCounts, bucketSums, field, roundMs, sumFields, type Fields } from './fields';

export { hitRatio };

export function statusCounts(fields: Fields, prefix = ''): Record<CacheStatus, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, Math.max(0, field(fields, `${prefix}${status}`))])) as Record<CacheStatus, number>;
}

/** `sums`: each bucket's latency sum, when recorded (see percentileFromBuckets). */
export function percentiles(counts: readonly number[], sums?: readonly number[]): Percentiles | null {
  const p50 = percentileFromBuckets(counts, 0.5, sums);
  const p95 = percentileFromBuckets(counts, 0.95, sums);
  const p99 = percentileFromBuckets(counts, 0.99, sums);
  if (p50 === null || p95 === null || p99 === null) return null;
  return { p50: roundMs(p50), p95: roundMs(p95), p99: roundMs(p99) };
}

function latency(totals: Fields, histogram: Fields, status: 'hit' | 'miss'): LatencyFigures {
  const count = field(totals, sampleCountField(status));
  const spread = percentiles(bucketCounts(histogram, status), bucketSums(histogram, status));
  return {
    count,
    meanMs: count > 0 ? roundMs(field(totals, latencySumField(status)) / count) : null,
    p50Ms: spread?.p50 ?? null,
    p95Ms: spread?.p95 ?? null,
    p99Ms: spread?.p99 ?? null,
  };
}

/** Figures of one totals hash and its histogram (a scenario, or several summed). */
export function figuresOf(totals: Fields, histogram: Fields): ScenarioFigures {
  const counts = statusCounts(totals);
  const computeRuns = field(totals, sampleCountField('compute'));
  const meanComputeMs = computeRuns > 0 ? field(totals, latencySumField('compute')) / computeRuns : null;
  return {
    requests: STATUSES.reduce((sum, status) => sum + counts[status], 0),
    counts,
    errors: Math.max(0, field(totals, ERROR_FIELD)),
    hitRatio: hitRatio(counts),
    latency: { hit: latency(totals, histogram, 'hit'), miss: latency(totals, histogram, 'miss') },
    meanComputeMs: meanComputeMs === null ? null : roundMs(meanComputeMs),
    computeSavedMs: meanComputeMs === null ? 0 : roundMs((counts.hit + counts['near-hit']) * meanComputeMs),
    strategies: strategyFigures(totals),
  };
}

/** "hot-key burst: 200 requests → 1 computation with the lock": the strategies that served anything. */
function strategyFigures(totals: Fields): StrategyFigures[] {
  return STRATEGIES.map((strategy) => {
    const fields = strategyFields(strategy);
    return { strategy, requests: field(totals, fields.requests), computations: field(totals, fields.computations) };
  }).filter((figures) => figures.requests > 0 || figures.computations > 0);
}

/**
 * All scenarios together. Time saved is summed per scenario: a hit on a 3 s function
 * saves 3 s, a hit on a 20 ms query 20 ms, whatever the overall mean.
 */
export function totalFigures(parts: readonly { totals: Fields; histogram: Fields; figures: ScenarioFigures }[]): ScenarioFigures {
  const total = figuresOf(sumFields(parts.map((part) => part.totals)), sumFields(parts.map((part) => part.histogram)));
  return { ...total, computeSavedMs: roundMs(parts.reduce((sum, part) => sum + part.figures.computeSavedMs, 0)) };
}
