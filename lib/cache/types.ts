/**
 * How a request was served. `coalesced`: it joined a compute already running in this process.
 * `near-hit`: answered from this process' L1 (strategy `near`) without asking Redis.
 */
export const STATUSES = ['hit', 'near-hit', 'miss', 'coalesced', 'stale', 'bypass'] as const;
export type CacheStatus = (typeof STATUSES)[number];

/** Real visitors' requests vs the traffic simulator's, so the dashboard can show or hide either. */
export const SOURCES = ['live', 'sim'] as const;
export type TrafficSource = (typeof SOURCES)[number];

/** A sliding TTL from the moment of writing, or a fixed point in time (e.g. the next midnight). */
export type Expiry = { ttlMs: number } | { expireAt: number };
export type ExpiryKind = 'ttl' | 'absolute';

export function expiryKind(expiry: Expiry): ExpiryKind {
  return 'ttlMs' in expiry ? 'ttl' : 'absolute';
}

/**
 * How the cache serves a scenario (chosen per scenario at run time, see strategy-setting.ts):
 * - `cache-aside`: look up; on a miss compute and store. Concurrent misses share one computation
 *   only inside one app instance (in-process coalescing).
 * - `lock`: stampede protection across instances: the first miss takes a short Redis lock and
 *   computes; every other caller, in any instance, waits for the stored value.
 * - `swr`: stale-while-revalidate on top of `lock`: for a grace period after expiry the old value
 *   is served at once (status `stale`) while exactly one caller refreshes it in the background.
 * - `near`: `cache-aside` with an in-process L1 in front of Redis (status `near-hit`), kept
 *   coherent by Redis' client-side-caching invalidations (lib/cache/near/).
 */
export const STRATEGIES = ['cache-aside', 'lock', 'swr', 'near'] as const;
export type CacheStrategy = (typeof STRATEGIES)[number];
export const DEFAULT_STRATEGY: CacheStrategy = 'cache-aside';

export function isStrategy(value: unknown): value is CacheStrategy {
  return (STRATEGIES as readonly unknown[]).includes(value);
}

/** Hit ratio as the README defines it: (hit + near-hit + stale) / (those + miss + coalesced); null before any such request. */
export function hitRatio(counts: Partial<Record<CacheStatus, number>>): number | null {
  const served = (counts.hit ?? 0) + (counts['near-hit'] ?? 0) + (counts.stale ?? 0);
  const looked = served + (counts.miss ?? 0) + (counts.coalesced ?? 0);
  return looked === 0 ? null : served / looked;
}
