import 'server-only';
import { env } from '../env';
import type { TrafficSource } from './types';

/**
 * Metric keys live under `<prefix>_stats:` so they share the prefix (one namespace to
 * isolate, scan and clean) yet never collide with a scenario's readable cache keys.
 */
const STATS = '_stats:';

export function cacheKey(readableKey: string, prefix = env.CACHE_PREFIX): string {
  return prefix + readableKey;
}

export function isStatsKey(fullKey: string, prefix = env.CACHE_PREFIX): boolean {
  return fullKey.startsWith(prefix + STATS);
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
