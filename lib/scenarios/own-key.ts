import 'server-only';
import { cacheKeyHead, escapeGlob, isInternalKey, readableKeyOf } from '../cache/keys';
import { env } from '../core/env';
import { ApiError } from '../core/errors';
import { SCENARIOS } from './registry';

/** A cache entry of ours: under CACHE_PREFIX and not one of the metric keys kept beside them. */
export function isCacheKey(key: string, prefix = env.CACHE_PREFIX): boolean {
  return key.startsWith(prefix) && key.length > prefix.length && !isInternalKey(key, prefix);
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

export interface KeyFilter {
  /** SCAN MATCH pattern: everything below the prefix (or a namespace) containing the text, glob characters escaped. */
  pattern: string;
  /** Everything below the prefix (or namespace): for stores whose glob matcher mishandles escapes (ioredis-mock). */
  broadPattern: string;
  /** The same test in code, applied to what SCAN returns; it also drops the metric keys. */
  accepts: (key: string) => boolean;
}

export function keyFilter(namespace?: string, text = '', prefix = env.CACHE_PREFIX): KeyFilter {
  // In a cluster an entry's readable key sits in a hash tag: `<prefix>{<namespace>:…}`.
  const readableHead = namespace ? `${namespace}:` : '';
  const head = namespace ? cacheKeyHead(readableHead, prefix) : prefix;
  const broadPattern = `${escapeGlob(head)}*`;
  return {
    pattern: text === '' ? broadPattern : `${escapeGlob(head)}*${escapeGlob(text)}*`,
    broadPattern,
    accepts: (key) => isCacheKey(key, prefix) && key.startsWith(head) && readableKeyOf(key, prefix).slice(readableHead.length).includes(text),
  };
}
