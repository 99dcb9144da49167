import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '../core/env';

/** What Next stores: a `'use cache'` result, a rendered App Router page, a route handler's response, a `fetch` response. */
export const NEXT_KINDS = ['use-cache', 'page', 'route', 'fetch'] as const;
export type NextKind = (typeof NEXT_KINDS)[number];

/**
 * Everything of Next's cache lives under `CACHE_PREFIX` + `_next:` — beside the engine's entries,
 * never mistaken for one (`_` keys are bookkeeping to the key browser and the stats).
 */
const NEXT = '_next:';

/**
 * An entry's key: Next's own keys are long (a `'use cache'` key is the build id, the function id and
 * its serialised arguments), so the key is a digest of it; the readable key is inside the record.
 * Entries spread over a cluster's slots like any key; nothing else is ever read with them.
 */
export function entryKey(kind: NextKind, nextKey: string, prefix = env.CACHE_PREFIX): string {
  const memo = `${kind}\n${nextKey}`;
  const known = digests.get(memo);
  if (known !== undefined && prefix === env.CACHE_PREFIX) return known;
  const key = `${prefix}${NEXT}e:${kind}:${createHash('sha256').update(nextKey).digest('base64url').slice(0, 32)}`;
  if (prefix !== env.CACHE_PREFIX) return key;
  // The same keys are read again and again (a page's sections): their digests are kept, boundedly.
  if (digests.size >= DIGESTS_KEPT) digests.delete(digests.keys().next().value!);
  digests.set(memo, key);
  return key;
}

const DIGESTS_KEPT = 1000;
const digests = new Map<string, string>();

export const entryPattern = (prefix = env.CACHE_PREFIX) => `${prefix}${NEXT}e:*`;

/** Anything of Next's cache (entries, tags, events): listed on /next-cache, not among the scenarios' keys. */
export const isNextCacheKey = (key: string, prefix = env.CACHE_PREFIX) => key.startsWith(`${prefix}${NEXT}`);

/**
 * The tag manifest (hash: `s:<tag>` / `e:<tag>` → ms) and its version (a counter bumped with every
 * change, read through the tracked near-cache connection). One hash tag, so both share a slot and
 * change in one MULTI on a cluster: no CROSSSLOT, whatever slots the entries are on.
 */
export const tagKeys = (prefix = env.CACHE_PREFIX) => ({
  manifest: `${prefix}${NEXT}{tags}:manifest`,
  version: `${prefix}${NEXT}{tags}:version`,
});

/** The live events of Next's cache (stored, hit, stale-served, regenerated, tag-invalidated), a capped stream. */
export const eventsKey = (prefix = env.CACHE_PREFIX) => `${prefix}${NEXT}events`;
