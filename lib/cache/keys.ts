import 'server-only';
import { env } from '../core/env';
import type { TrafficSource } from './types';

/**
 * Metric keys live under `<prefix>_stats:` so they share the prefix (one namespace to
 * isolate, scan and clean) yet never collide with a scenario's readable cache keys.
 */
const STATS = '_stats:';
/** Stampede locks and run-time settings: also beside the entries, never listed as cache entries. */
const LOCKS = '_lock:';
const CONFIG = '_config:';
/** Classroom rooms (lib/features/classroom/keys.ts): bookkeeping beside the entries too. */
export const CLASSROOM_NAMESPACE = '_classroom:';

/**
 * Key layout. Standalone Redis: keys read as the tutorial writes them (`cachelab:expensive_function:maxim`).
 * Redis Cluster: every script touches keys of one hash slot only, so the part that must share a slot
 * is wrapped in a hash tag — an entry and its lock `{expensive_function:maxim}`, a scenario's metrics
 * `{username}` — and the readable key still shows inside the braces. Chosen once per process by
 * REDIS_CLUSTER_NODES; a cluster reached through a plain REDIS_URL keeps the standalone layout and
 * fails with CROSSSLOT, which /api/health reports.
 */
export const clusterLayout = (): boolean => env.REDIS_CLUSTER_NODES !== undefined;
const tag = (text: string) => (clusterLayout() ? `{${text}}` : text);

export function cacheKey(readableKey: string, prefix = env.CACHE_PREFIX): string {
  return prefix + tag(readableKey);
}

/** The start of every cache key whose readable key starts with `readableHead` (a SCAN MATCH head). */
export function cacheKeyHead(readableHead: string, prefix = env.CACHE_PREFIX): string {
  return prefix + (clusterLayout() ? `{${readableHead}` : readableHead);
}

/** The tutorial's readable key of a full cache key (the hash tag's braces removed in cluster mode). */
export function readableKeyOf(fullKey: string, prefix = env.CACHE_PREFIX): string {
  const readable = fullKey.slice(prefix.length);
  return clusterLayout() && readable.startsWith('{') && readable.endsWith('}') ? readable.slice(1, -1) : readable;
}

/**
 * The hash tag Redis Cluster hashes a key by (the text between the first `{` and the next `}`,
 * when not empty), or the whole key: keys with equal tags share a slot.
 */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

export function isStatsKey(fullKey: string, prefix = env.CACHE_PREFIX): boolean {
  return fullKey.startsWith(prefix + STATS);
}

/** Everything Cache Lab keeps beside the cache entries (metrics, locks, settings): never a cache entry. */
export function isInternalKey(fullKey: string, prefix = env.CACHE_PREFIX): boolean {
  return [STATS, LOCKS, CONFIG, CLASSROOM_NAMESPACE].some((namespace) => fullKey.startsWith(prefix + namespace));
}

/** The lock that lets one caller compute a missing or stale entry while others wait or are served stale (same slot as the entry). */
export function lockKey(readableKey: string, prefix = env.CACHE_PREFIX): string {
  return `${prefix}${LOCKS}${tag(readableKey)}`;
}

/** Hash of each scenario's cache strategy (field = scenario id); every process keeps a copy (strategy-setting.ts). */
export const strategyConfigKey = (prefix = env.CACHE_PREFIX) => `${prefix}${CONFIG}strategy`;

/** The slot group of the recent-requests stream (in cluster mode its metric batches go apart). */
const EVENTS_GROUP = 'events';

export const statsKeys = {
  totals: (source: TrafficSource, scenario: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}${source}:totals:${tag(scenario)}`,
  histogram: (source: TrafficSource, scenario: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}${source}:hist:${tag(scenario)}`,
  /** One hash per scenario per minute, fields per second: a window of W seconds reads ⌈W/60⌉+1 hashes. */
  series: (source: TrafficSource, scenario: string, minute: number, prefix = env.CACHE_PREFIX) =>
    `${prefix}${STATS}${source}:ts:${tag(scenario)}:${minute}`,
  events: (prefix = env.CACHE_PREFIX) => `${prefix}${STATS}${tag(EVENTS_GROUP)}`,
  /** Near-cache invalidations this app's instances received, one hash per minute, field = second. */
  nearInvalidations: (minute: number, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}near:${tag('invalidations')}:${minute}`,
  /** One capped stream per cache entry: its life (stored, hits, expired, deleted…), see lib/features/keylife/timeline.ts. */
  life: (readableKey: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}life:${readableKey}`,
  /** Per-client request counts of the rate limiter (it appends `:<client>`); never listed as cache entries. */
  rateLimit: (bucket: string, prefix = env.CACHE_PREFIX) => `${prefix}${STATS}rl:${bucket}`,
  /**
   * Ids of the metric batches applied in one minute, so a resent batch counts once. In cluster mode
   * one per slot group (`group` = the hash tag of the keys the batch writes), in that group's slot.
   */
  flushed: (minute: number, prefix = env.CACHE_PREFIX, group = '') =>
    `${prefix}${STATS}flushed:${clusterLayout() ? `{${group}}:` : ''}${minute}`,
  pattern: (prefix = env.CACHE_PREFIX) => `${prefix}${STATS}*`,
};

/** Makes text match itself literally in a SCAN MATCH pattern (glob metacharacters escaped). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
