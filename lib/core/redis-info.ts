import 'server-only';
import { Cluster } from 'ioredis';
import type { ClusterNodeInfo, RedisInfo } from '../contracts/dashboard';
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
  const { backend, client } = await getRedis();
  if (backend === 'embedded') {
    const keys = await withRedis((store) => store.dbsize());
    return { ...UNAVAILABLE, backend, keys, cluster: null };
  }
  if (client instanceof Cluster) return withRedis(() => clusterInfo(client));
  const [text, keys] = await withRedis((server) => Promise.all([server.info(), server.dbsize()]));
  return { ...fromInfo(parseInfo(text)), backend, keys, cluster: null };
}

/**
 * Every node of a cluster (INFO, DBSIZE, its slot ranges from CLUSTER SLOTS), and the figures
 * of the masters summed: the dashboard's totals are the whole cluster's.
 */
async function clusterInfo(client: Cluster): Promise<RedisInfo> {
  const [slotMap, clusterText] = await Promise.all([client.cluster('SLOTS'), client.cluster('INFO') as Promise<string>]);
  const ranges = new Map<string, string[]>();
  for (const [start, end, master] of slotMap) {
    if (!master) continue;
    const address = `${master[0]}:${master[1]}`;
    ranges.set(address, [...(ranges.get(address) ?? []), start === end ? `${start}` : `${start}-${end}`]);
  }
  const nodes = await Promise.all(
    client.nodes('all').map(async (node) => {
      const address = `${node.options.host}:${node.options.port}`;
      try {
        const [text, keys] = await Promise.all([node.info(), node.dbsize()]);
        return { address, info: parseInfo(text), keys };
      } catch {
        return { address, info: null, keys: null };
      }
    }),
  );
  const masters = nodes.filter((node) => node.info?.get('role') === 'master');
  const figures = masters.map((node) => fromInfo(node.info ?? new Map()));
  const sum = (pick: (figure: Omit<RedisInfo, 'backend' | 'keys' | 'cluster'>) => number | null) =>
    figures.length === 0 ? null : figures.reduce((total, figure) => total + (pick(figure) ?? 0), 0);
  const first = figures[0] ?? UNAVAILABLE;
  const described: ClusterNodeInfo[] = nodes
    .map(({ address, info, keys }) => {
      const figure = fromInfo(info ?? new Map());
      const role = info?.get('role');
      return {
        address,
        role: role === 'master' ? ('master' as const) : role === 'slave' ? ('replica' as const) : ('unknown' as const),
        slots: ranges.get(address) ?? [],
        keys,
        usedMemoryBytes: figure.usedMemoryBytes,
        opsPerSecond: figure.opsPerSecond,
        reachable: info !== null,
      };
    })
    .sort((a, b) => a.role.localeCompare(b.role) || a.address.localeCompare(b.address));
  return {
    ...first,
    mode: 'cluster',
    uptimeSeconds: figures.length === 0 ? null : Math.min(...figures.map((figure) => figure.uptimeSeconds ?? Infinity)),
    usedMemoryBytes: sum((figure) => figure.usedMemoryBytes),
    peakMemoryBytes: sum((figure) => figure.peakMemoryBytes),
    connectedClients: sum((figure) => figure.connectedClients),
    opsPerSecond: sum((figure) => figure.opsPerSecond),
    keyspaceHits: sum((figure) => figure.keyspaceHits),
    keyspaceMisses: sum((figure) => figure.keyspaceMisses),
    expiredKeys: sum((figure) => figure.expiredKeys),
    evictedKeys: sum((figure) => figure.evictedKeys),
    backend: 'redis',
    keys: masters.reduce((total, node) => total + (node.keys ?? 0), 0),
    cluster: { state: parseInfo(clusterText).get('cluster_state') ?? 'unknown', nodes: described },
  };
}

export function fromInfo(info: Map<string, string>): Omit<RedisInfo, 'backend' | 'keys' | 'cluster'> {
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

const UNAVAILABLE: Omit<RedisInfo, 'backend' | 'keys' | 'cluster'> = fromInfo(new Map());
