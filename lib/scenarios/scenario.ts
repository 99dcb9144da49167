import 'server-only';
import type { z } from 'zod';
import { cached, type CachedResult, type Expiry, type TrafficSource } from '../cache';

/**
 * Everything the engine needs to cache one kind of expensive work. A new scenario is one
 * of these, one route and one page: the engine and the dashboard need no edits.
 */
export interface Scenario<I, V> {
  /** Metric label and URL segment, e.g. `username`. */
  id: string;
  title: string;
  /** First segment of every key this scenario writes, e.g. `expensive_function`. */
  namespace: string;
  /** Validates raw input (path segment, JSON body) into what `compute` takes. */
  input: z.ZodType<I, unknown>;
  /** Readable key without CACHE_PREFIX; must start with `namespace:`. */
  keyOf(input: I): string;
  expiryOf(input: I, now: number): Expiry;
  compute(input: I): Promise<V>;
  /** Shape of a cached value; anything else under the key is treated as a miss. */
  value: z.ZodType<V, unknown>;
}

export interface RunOptions {
  mode?: 'cache' | 'bypass';
  source?: TrafficSource;
}

export function runScenario<I, V>(scenario: Scenario<I, V>, input: I, options: RunOptions = {}): Promise<CachedResult<V>> {
  return cached({
    scenario: scenario.id,
    key: scenario.keyOf(input),
    expiry: scenario.expiryOf(input, Date.now()),
    compute: () => scenario.compute(input),
    isValue: (candidate): candidate is V => scenario.value.safeParse(candidate).success,
    mode: options.mode,
    source: options.source,
  });
}

export const HOUR_MS = 3_600_000;

/** Stands in for slow work (a model, an upstream API) so the cost of a miss is felt. */
export function simulateWork(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
