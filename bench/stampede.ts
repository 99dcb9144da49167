import * as engine from '../lib/cache';
import { cached, type CachedOptions } from '../lib/cache';
import type { BenchOptions } from './options';
import { summarise } from './stats';

export interface StampedeRow {
  strategy: string;
  requests: number;
  /** Times the expensive function actually ran. */
  computations: number;
  /** Whether this strategy promises a single computation for the burst. */
  expectOne: boolean;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
}

export interface StampedeResult {
  computeMs: number;
  rows: StampedeRow[];
  /** Strategies the engine does not offer yet, named so the reader knows what is missing. */
  missing: string[];
}

/** What issue 6 adds; listed as "not available yet" while the engine exports no STRATEGIES. */
const EXPECTED = ['stampede lock', 'stale-while-revalidate'];

interface Plan {
  strategy: string;
  extra: Record<string, unknown>;
  expectOne: boolean;
}

/**
 * Section 4: N requests at once on one cold key, through the engine in this process: how
 * many computations, and what the slowest requests waited. Strategies are picked up from
 * the engine's `STRATEGIES` export (passed as `strategy`); each also runs with in-process
 * coalescing off (`coalesce: false`), every request then acting like its own app instance,
 * which is where a Redis lock has to do the work.
 */
export async function measureStampede(options: BenchOptions, runId: string): Promise<StampedeResult> {
  const { requests, computeMs } = options.stampede;
  const strategies = offeredStrategies();
  const plans: Plan[] =
    strategies.length === 0
      ? [{ strategy: 'in-process coalescing (default)', extra: {}, expectOne: true }]
      : strategies.flatMap((strategy) => [
          { strategy: `${strategy}, one instance`, extra: { strategy }, expectOne: true },
          // Only the lock strategies protect across instances; `near` is cache-aside with an L1.
          { strategy: `${strategy}, ${requests} instances (coalesce: false)`, extra: { strategy, coalesce: false }, expectOne: strategy === 'lock' || strategy === 'swr' },
        ]);
  plans.push({ strategy: 'no cache (?cache=bypass)', extra: { mode: 'bypass' }, expectOne: false });
  const rows: StampedeRow[] = [];
  for (const [index, plan] of plans.entries()) rows.push(await burst(`stampede:${runId}:${index}`, requests, computeMs, plan));
  return { computeMs, rows, missing: strategies.length === 0 ? EXPECTED : [] };
}

async function burst(key: string, requests: number, computeMs: number, plan: Plan): Promise<StampedeRow> {
  let computations = 0;
  const options = {
    scenario: 'bench-stampede',
    key,
    expiry: { ttlMs: 60_000 },
    source: 'sim',
    isValue: (value: unknown): value is string => typeof value === 'string',
    compute: async () => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, computeMs));
      return 'computed';
    },
    ...plan.extra,
  } as CachedOptions<string>;
  const results = await Promise.all(
    Array.from({ length: requests }, async () => {
      const started = performance.now();
      const result = await cached(options);
      return { status: result.status, ms: performance.now() - started };
    }),
  );
  const latency = summarise(results.map((result) => result.ms));
  const statuses: Record<string, number> = {};
  for (const { status } of results) statuses[status] = (statuses[status] ?? 0) + 1;
  return { strategy: plan.strategy, requests, computations, expectOne: plan.expectOne, p50Ms: latency.p50, p99Ms: latency.p99, statuses };
}

function offeredStrategies(): string[] {
  const exported = (engine as Record<string, unknown>).STRATEGIES;
  return Array.isArray(exported) ? exported.filter((name): name is string => typeof name === 'string') : [];
}
