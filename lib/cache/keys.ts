import 'server-only';
import { env } from '../env';
import type { CacheStrategy, TrafficSource } from './types';

/**
 * Metric keys live under `<prefix>_stats:` so they share the prefix (one namespace to
 * isolate, scan and clean) yet never collide with a scenario's readable cache keys.
 */
const STATS = '_stats:';
/** Stampede locks and run-time settings: also beside the entries, never listed as cache entries. */
const LOCKS = '_lock:';
const CONFIG = '_config:';
/** Classroom rooms (lib/classroom/keys.ts): bookkeeping beside the entries too. */
export const CLASSROOM_NAMESPACE = '_classroom:';

export function cacheKey(readableKey: string, prefix = env.CACHE_PREFIX): string {
  return prefix + readableKey;
}

export function isStatsKey(fullKey: string, prefix = env.CACHE_PREFIX): boolean {
  return fullKey.startsWith(prefix + STATS);
}

/** Everything Cache Lab keeps beside the cache entries (metrics, locks, settings): never a cache entry. */
export function isInternalKey(fullKey: string, prefix = env.CACHE_PREFIX): boolean {
  return [STATS, LOCKS, CONFIG, CLASSROOM_NAMESPACE].some((namespace) => fullKey.startsWith(prefix + namespace));
}

/** The lock that lets one caller compute a missing or stale entry while others wait or are served stale. */
export function lockKey(readableKey: string, prefix = env.CACHE_PREFIX): string {
  return `${prefix}${LOCKS}${readableKey}`;
}

/** Hash of each scenario's cache strategy (field = scenario id), read by the lookup script itself. */
export const strategyConfigKey = (prefix = env.CACHE_PREFIX) => `${prefix}${CONFIG}strategy`;

/** Fields of the totals hash that count requests and computations per strategy. */
export function strategyFields(strategy: CacheStrategy) {
  return { requests: `strategy:${strategy}:requests`, computations: `strategy:${strategy}:computations` };
}

export const statsKeys = {
  totals: (source: TrafficSource, scenario: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}${source}:totals:${scenario}`,
  histogram: (source: TrafficSource, scenario: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}${source}:hist:${scenario}`,
  /** One hash per scenario per minute, fields per second: a window of W seconds reads ⌈W/60⌉+1 hashes. */
  series: (source: TrafficSource, scenario: string, minute: number, prefix = env.CACHE_PREFIX) =>
    `${prefix}${STATS}${source}:ts:${scenario}:${minute}`,
  events: (prefix = env.CACHE_PREFIX) => `${prefix}${STATS}events`,
  /** Per-client request counts of the rate limiter (it appends `:<client>`); never listed as cache entries. */
  rateLimit: (bucket: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}rl:${bucket}`,
  /** Ids of the metric batches applied in one minute, so a resent batch counts once. */
  flushed: (minute: number, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}flushed:${minute}`,
  pattern: (prefix = env.CACHE_PREFIX) => `${prefix}${STATS}*`,
};

/** Makes text match itself literally in a SCAN MATCH pattern (glob metacharacters escaped). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
