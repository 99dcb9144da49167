import 'server-only';
import type Redis from 'ioredis';
import { env } from '../../env';
import { getRedis } from '../../redis';
import { NearCache } from './near-cache';

const NEAR = Symbol.for('cachelab.near.cache');
type Anchored = typeof globalThis & { [NEAR]?: Promise<NearCache | null> };

/**
 * The process' near cache, on two connections of its own beside the shared client (a
 * tracked reader and the invalidation subscriber). Null where it cannot be coherent: the
 * embedded store has no CLIENT TRACKING, and a cluster would need one tracked reader and
 * subscriber per node (not built yet). Strategy `near` then serves like `cache-aside`.
 */
export function processNearCache(): Promise<NearCache | null> {
  const anchor = globalThis as Anchored;
  anchor[NEAR] ??= getRedis().then(({ client, backend, topology }) =>
    backend === 'embedded' || topology === 'cluster'
      ? null
      : new NearCache({
          maxEntries: env.NEAR_CACHE_MAX_ENTRIES,
          maxBytes: env.NEAR_CACHE_MAX_BYTES,
          connect: (role) => (client as Redis).duplicate({ connectionName: `cachelab-near-${role}`, autoResubscribe: false }),
        }),
  );
  return anchor[NEAR];
}
