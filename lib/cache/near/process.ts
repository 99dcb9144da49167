import 'server-only';
import type Redis from 'ioredis';
import { env } from '../../env';
import { boundCommands } from '../../command-deadline';
import { getRedis } from '../../redis';
import { NearCache, type NearStats } from './near-cache';

const NEAR = Symbol.for('cachelab.near.cache');
type Anchored = typeof globalThis & { [NEAR]?: Promise<NearCache | null> };

const UNAVAILABLE = {
  embedded: 'the embedded store has no CLIENT TRACKING: strategy near reads the store on every request, like cache-aside',
  cluster: 'in a Redis Cluster, tracking needs a reader and a subscriber per node, not built yet: strategy near serves like cache-aside',
};

/**
 * The process' near cache, on two connections of its own beside the shared client (a
 * tracked reader and the invalidation subscriber). Null where it cannot be coherent: the
 * embedded store has no CLIENT TRACKING, and a cluster would need one tracked reader and
 * subscriber per node (not built yet). Strategy `near` then serves like `cache-aside`.
 */
export function processNearCache(): Promise<NearCache | null> {
  const anchor = globalThis as Anchored;
  anchor[NEAR] ??= getRedis().then(({ client, backend, topology }) => {
    if (backend === 'embedded' || topology === 'cluster') return null;
    return new NearCache({
      maxEntries: env.NEAR_CACHE_MAX_ENTRIES,
      maxBytes: env.NEAR_CACHE_MAX_BYTES,
      connect: (role) => boundCommands((client as Redis).duplicate({ connectionName: `cachelab-near-${role}`, autoResubscribe: false }), env.REDIS_COMMAND_TIMEOUT_MS),
    });
  });
  return anchor[NEAR];
}

/** For /api/health: where the near cache stands in this process (it starts with the first `near` request). */
export type NearSummary = { available: false; reason: string } | { available: true; started: false } | ({ available: true; started: true } & NearStats);

export async function nearCacheSummary(): Promise<NearSummary> {
  const { backend, topology } = await getRedis();
  if (backend === 'embedded') return { available: false, reason: UNAVAILABLE.embedded };
  if (topology === 'cluster') return { available: false, reason: UNAVAILABLE.cluster };
  const started = (globalThis as Anchored)[NEAR];
  const near = started ? await started : null;
  return near ? { available: true, started: true, ...near.stats() } : { available: true, started: false };
}
