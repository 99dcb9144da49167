import 'server-only';
import type { RedisInfo } from './dashboard-types';
import { getRedis, withRedis } from './redis';

/** `INFO` text as a map of its `name:value` lines. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/**
 * What the Redis server says about itself. The embedded store (ioredis-mock) answers INFO
 * with canned sample text, so there only the key count is real and the rest is null.
 */
export async function getRedisInfo(): Promise<RedisInfo> {
  const { backend } = await getRedis();
  if (backend === 'embedded') {
    const keys = await withRedis((client) => client.dbsize());
    return { ...UNAVAILABLE, backend, keys };
  }
  const [text, keys] = await withRedis((client) => Promise.all([client.info(), client.dbsize()]));
  return { ...fromInfo(parseInfo(text)), backend, keys };
}

export function fromInfo(info: Map<string, string>): Omit<RedisInfo, 'backend' | 'keys'> {
  const number = (name: string) => {
    const value = Number(info.get(name));
    return info.has(name) && Number.isFinite(value) ? value : null;
  };
  return {
    version: info.get('redis_version') ?? null,
    mode: info.get('redis_mode') ?? null,
    uptimeSeconds: number('uptime_in_seconds'),
    usedMemoryBytes: number('used_memory'),
    peakMemoryBytes: number('used_memory_peak'),
    maxMemoryBytes: number('maxmemory'),
    evictionPolicy: info.get('maxmemory_policy') ?? null,
    connectedClients: number('connected_clients'),
    opsPerSecond: number('instantaneous_ops_per_sec'),
    keyspaceHits: number('keyspace_hits'),
    keyspaceMisses: number('keyspace_misses'),
    expiredKeys: number('expired_keys'),
    evictedKeys: number('evicted_keys'),
  };
}

const UNAVAILABLE: Omit<RedisInfo, 'backend' | 'keys'> = fromInfo(new Map());
