/** How a request was served. `coalesced`: it joined a compute already running in this process. */
export const STATUSES = ['hit', 'miss', 'coalesced', 'stale', 'bypass'] as const;
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
