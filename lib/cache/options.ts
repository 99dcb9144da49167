import type { RedisClient } from '../core/redis';
import type { CacheStatus, CacheStrategy, Expiry, ExpiryKind, TrafficSource } from './types';

export interface CachedOptions<V> {
  /** Metric label, e.g. `username`. */
  scenario: string;
  /** The readable key, e.g. `expensive_function:alice`; the engine adds CACHE_PREFIX. */
  key: string;
  expiry: Expiry;
  compute: () => Promise<V>;
  /** Guards against foreign or outdated values under the key: anything else is a miss. */
  isValue: (value: unknown) => value is V;
  /** `bypass` computes without reading or writing the cache (side-by-side comparisons). */
  mode?: 'cache' | 'bypass';
  source?: TrafficSource;
  /** Omitted: the scenario's configured strategy (this process's copy, strategy-setting.ts), else `cache-aside`. */
  strategy?: CacheStrategy;
  /**
   * Join a computation of the same key already running in this process (default true). `false`
   * makes the call behave like a separate app instance: only Redis can spare it a computation.
   */
  coalesce?: boolean;
  /** What asked, for the key's timeline, e.g. `GET /api/username/alice` (default: the source). */
  origin?: string;
  /**
   * Called just before this call computes (a miss it leads, a bypass), never on a hit or when it
   * joins or waits for another's computation: the rate limiter charges expensive work, not hits.
   * A rejection fails the call before any work and is not counted as a request.
   */
  admit?: () => Promise<void>;
}

export interface CachedResult<V> {
  value: V;
  status: CacheStatus;
  /** The full Redis key. */
  key: string;
  expiryKind: ExpiryKind;
  /** Remaining fresh lifetime when answered (0 when stale); null when the value was not cached. */
  ttlMs: number | null;
  expiresAt: number | null;
  /** Whole operation, as the caller waited for it. */
  latencyMs: number;
  /** Time in Redis lookups and writes. */
  lookupMs: number;
  /** Time spent computing for this request (0 on a hit). */
  computeMs: number;
  /** The strategy that served it; null when the cache was not used (bypass). */
  strategy: CacheStrategy | null;
  /** This request was served stale and started the one background refresh. */
  refreshing: boolean;
  /** The TTL the entry is stored with (a `?ttl=` override or the scenario's own); null for an absolute expiry. */
  ttlAskedMs: number | null;
}

/** Runs Redis work; the default goes through the process-wide client and its circuit breaker. */
export type RedisRunner = <T>(work: (client: RedisClient) => Promise<T>) => Promise<T>;
