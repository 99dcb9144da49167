import 'server-only';
import { env } from '../../env';
import { getRedis } from '../../redis';
import { NearCache } from './near-cache';

const NEAR = Symbol.for('cachelab.near.cache');
type Anchored = typeof globalThis & { [NEAR]?: Promise<NearCache | null> };

/**
 * The process' near cache, on two connections of its own beside the shared client (a
 * tracked reader and the invalidation subscriber); null on the embedded store, which has
 * no CLIENT TRACKING: strategy `near` then serves like `cache-aside` and says why.
 */
export function processNearCache(): Promise<NearCache | null> {
  const anchor = globalThis as Anchored;
  anchor[NEAR] ??= getRedis().then(({ client, backend }) =>
    backend === 'embedded'
      ? null
      : new NearCache({
          maxEntries: env.NEAR_CACHE_MAX_ENTRIES,
          maxBytes: env.NEAR_CACHE_MAX_BYTES,
          connect: (role) => client.duplicate({ connectionName: `cachelab-near-${role}`, autoResubscribe: false }),
        }),
  );
  return anchor[NEAR];
}
