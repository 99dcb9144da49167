import Redis, { Cluster } from 'ioredis';
import { ClusterNearCache, nodeAddress } from '../cache/near/cluster-near';
import type { NearEntry } from '../cache/near/near-cache';
import { OwnRedisCluster } from './cluster';
import { waitFor } from './redis-server';

/** A cluster of the test's own, a client with a `ClusterNearCache` ready on every master, and a second client that writes. */
export interface ClusterNearSetup {
  cluster: OwnRedisCluster;
  client: Cluster;
  writer: Cluster;
  near: ClusterNearCache;
  stop: () => Promise<void>;
}

export async function startClusterNear(options: { replicas?: number; slotsRefreshInterval: number; maxEntries: number }): Promise<ClusterNearSetup> {
  const cluster = await OwnRedisCluster.start({ masters: 3, replicas: options.replicas ?? 0 });
  const seeds = cluster.ports.map((port) => ({ host: '127.0.0.1', port }));
  const client = new Cluster(seeds, { enableOfflineQueue: false, slotsRefreshInterval: options.slotsRefreshInterval });
  const writer = new Cluster(seeds);
  await waitFor(() => client.status === 'ready', 10_000);
  const near = new ClusterNearCache(client, {
    maxEntries: options.maxEntries,
    maxBytes: 1_000_000,
    connect: (node, role) => new Redis({ ...nodeAddress(node), connectionName: `near-test-${role}`, autoResubscribe: false }),
  });
  await waitFor(() => near.stats().nodes?.length === 3 && near.stats().nodes!.every((node) => node.state === 'ready'), 10_000);
  const stop = async () => {
    await near.close();
    client.disconnect();
    writer.disconnect();
    await cluster.stop();
  };
  return { cluster, client, writer, near, stop };
}

/** What the engine hands `read`: the raw value, admitted to L1 as is. */
export const asEntry = (raw: string | null) => ({ result: raw, entry: raw === null ? null : ({ value: raw, freshUntil: Date.now() + 60_000 } satisfies NearEntry) });

/** A plain connection to one node of the slot map ("host:port"). */
export const connectTo = (node: string) => new Redis(nodeAddress(node));
