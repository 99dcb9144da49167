import 'server-only';
import { escapeGlob, isStatsKey } from '../cache/keys';
import { env } from '../env';
import { ApiError } from '../http/errors';
import { SCENARIOS } from '../scenarios/registry';

/** A cache entry of ours: under CACHE_PREFIX and not one of the metric keys kept beside them. */
export function isCacheKey(key: string, prefix = env.CACHE_PREFIX): boolean {
  return key.startsWith(prefix) && key.length > prefix.length && !isStatsKey(key, prefix);
}

/** The key browser can read and delete cache entries only: nothing outside the prefix, never the metrics. */
export function assertCacheKey(key: string): void {
  if (!isCacheKey(key)) {
    throw new ApiError(403, 'not_a_cache_key', `Only cache entries under "${env.CACHE_PREFIX}" can be read or deleted here (metrics are reset with POST /api/stats/reset).`);
  }
}

/** The scenario a key belongs to, by the longest namespace it starts with. */
export function scenarioOfKey(readableKey: string): string | null {
  let best: { id: string; length: number } | null = null;
  for (const scenario of SCENARIOS) {
    const head = `${scenario.namespace}:`;
    if (readableKey.startsWith(head) && head.length > (best?.length ?? 0)) best = { id: scenario.id, length: head.length };
  }
  return best?.id ?? null;
}

/**
 * The SCAN MATCH pattern of a filter: everything below the prefix (or a scenario's
 * namespace), containing `text` literally — glob characters in it are escaped.
 */
export function keyPattern(namespace?: string, text = '', prefix = env.CACHE_PREFIX): string {
  const base = escapeGlob(namespace ? `${prefix}${namespace}:` : prefix);
  return text === '' ? `${base}*` : `${base}*${escapeGlob(text)}*`;
}
