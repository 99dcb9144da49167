import 'server-only';
import Redis, { Cluster } from 'ioredis';
import { env } from '../../core/env';
import { boundCommands } from '../../core/command-deadline';
import { getRedis } from '../../core/redis';
import { ClusterNearCache, nodeAddress } from './cluster-near';
import { NearCache, type NearStats, type NearTier } from './near-cache';

const NEAR = Symbol.for('cachelab.near.cache');
type Anchored = typeof globalThis & { [NEAR]?: Promise<NearTier | null> };

const UNAVAILABLE = {
  embedded: 'the embedded store has no CLIENT TRACKING: strategy near reads the store on every request, like cache-aside',
};

/**
 * The process' near cache, on connections of its own beside the shared client: a tracked reader
 * and the invalidation subscriber — one pair per master in a Redis Cluster, where each node tracks
 * only its own keys. Null on the embedded store, which has no CLIENT TRACKING: strategy `near`
 * then serves like `cache-aside`.
 */
export function processNearCache(): Promise<NearTier | null> {
  const anchor = globalThis as Anchored;
  anchor[NEAR] ??= getRedis().then(({ client, backend }) => {
    if (backend === 'embedded') return null;
    const bounds = { maxEntries: env.NEAR_CACHE_MAX_ENTRIES, maxBytes: env.NEAR_CACHE_MAX_BYTES };
    if (client instanceof Cluster) return new ClusterNearCache(client, { ...bounds, connect: (node, role) => nodeConnection(client, node, role) });
    return new NearCache({ ...bounds, connect: (role) => bounded(client.duplicate({ connectionName: connectionName(role), autoResubscribe: false })) });
  });
  return anchor[NEAR];
}

const connectionName = (role: 'reader' | 'subscriber') => `cachelab-near-${role}`;
const bounded = (connection: Redis) => boundCommands(connection, env.REDIS_COMMAND_TIMEOUT_MS);

/** A connection to one master, with the cluster's own node options (credentials, TLS, timeouts). */
function nodeConnection(cluster: Cluster, node: string, role: 'reader' | 'subscriber'): Redis {
  return bounded(new Redis({ ...cluster.options.redisOptions, ...nodeAddress(node), connectionName: connectionName(role), autoResubscribe: false }));
}

/** For /api/health: where the near cache stands in this process (it starts with the first `near` request). */
export type NearSummary = { available: false; reason: string } | { available: true; started: false } | ({ available: true; started: true } & NearStats);

export async function nearCacheSummary(): Promise<NearSummary> {
  const { backend } = await getRedis();
  if (backend === 'embedded') return { available: false, reason: UNAVAILABLE.embedded };
  const started = (globalThis as Anchored)[NEAR];
  const near = started ? await started : null;
  return near ? { available: true, started: true, ...near.stats() } : { available: true, started: false };
}
