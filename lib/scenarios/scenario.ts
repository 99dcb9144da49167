import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import { cached, type CachedResult, type CacheStrategy, type Expiry, type TrafficSource } from '../cache';

/** How the site lists a scenario: the nav, the home page and the docs read this, never a list of their own. */
export interface ScenarioPage {
  /** The scenario's page, e.g. `/username`. */
  path: string;
  /** Its name in the nav. */
  label: string;
  /** One or two sentences for the home page: what is cached and how long it lives. */
  blurb: string;
}

/**
 * Everything the engine needs to cache one kind of expensive work, and how the site lists it.
 * A new scenario is one of these, a line in the registry and its page: the engine, the
 * dashboard, the generic route `/api/scenarios/{id}`, the nav and the home page need no edits.
 */
export interface Scenario<I, V> {
  /** Metric label and URL segment, e.g. `username`. */
  id: string;
  title: string;
  page: ScenarioPage;
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
  /**
   * For the traffic simulator: the input of popularity rank `rank` (0 = the most requested).
   * Scenarios without it are not offered in the simulator.
   */
  sampleInput?(rank: number): I;
  /** How many distinct inputs `sampleInput` can give (e.g. the known cities); unbounded when omitted. */
  sampleSize?: number;
}

export interface RunOptions {
  mode?: 'cache' | 'bypass';
  source?: TrafficSource;
  /** Overrides the scenario's configured strategy (the simulator's comparisons). */
  strategy?: CacheStrategy;
  /** `false`: behave like a separate app instance, no in-process coalescing (the simulator's virtual users). */
  coalesce?: boolean;
  /** Overrides the scenario's expiry with this TTL (simulator runs that must see entries expire). */
  ttlMs?: number;
  /** Called before the work runs (never on a hit): the route's rate-limit charge. */
  admit?: () => Promise<void>;
}

export function runScenario<I, V>(scenario: Scenario<I, V>, input: I, options: RunOptions = {}): Promise<CachedResult<V>> {
  return cached({
    scenario: scenario.id,
    key: scenario.keyOf(input),
    expiry: options.ttlMs === undefined ? scenario.expiryOf(input, Date.now()) : { ttlMs: options.ttlMs },
    compute: () => scenario.compute(input),
    isValue: (candidate): candidate is V => scenario.value.safeParse(candidate).success,
    mode: options.mode,
    source: options.source,
    strategy: options.strategy,
    coalesce: options.coalesce,
    admit: options.admit,
  });
}

export const HOUR_MS = 3_600_000;
/** A shorter stand-in delay for everything run inside `withWorkDelay` (async context, so no scenario needs a parameter). */
const workDelay = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every `simulateWork` inside it lasting `ms` instead of the scenario's setting:
 * the simulator's runs stay short in class. Real work (a SQL query, a model) is not affected.
 */
export function withWorkDelay<T>(ms: number, work: () => T): T {
  return workDelay.run(ms, work);
}

/** Stands in for slow work (a model, an upstream API) so the cost of a miss is felt. */
export function simulateWork(ms: number): Promise<void> {
  const actual = workDelay.getStore() ?? ms;
  return actual > 0 ? new Promise((resolve) => setTimeout(resolve, actual)) : Promise.resolve();
}
