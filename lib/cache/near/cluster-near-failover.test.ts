import calculateSlot from 'cluster-key-slot';
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OwnRedisCluster } from '../../testing/cluster';
import { waitFor } from '../../testing/redis-server';
import { ClusterNearCache } from './cluster-near';
import type { NearEntry } from './near-cache';

/**
 * A manual failover (CLUSTER FAILOVER on a replica) on a 3 + 3 cluster the test starts: the old
 * master stays up, as a replica, with our tracked connections still open. The L1 entry it held
 * must not outlive a write made on the new master.
 */
let cluster: OwnRedisCluster;
let client: Cluster;
let writer: Cluster;
let near: ClusterNearCache;

const nodesOf = (ports: number[]) => ports.map((port) => ({ host: '127.0.0.1', port }));
const asEntry = (raw: string | null) => ({ result: raw, entry: raw === null ? null : ({ value: raw, freshUntil: Date.now() + 60_000 } satisfies NearEntry) });

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3, replicas: 1 });
  client = new Cluster(nodesOf(cluster.ports), { enableOfflineQueue: false, slotsRefreshInterval: 2000 });
  writer = new Cluster(nodesOf(cluster.ports));
  await waitFor(() => client.status === 'ready', 10_000);
  near = new ClusterNearCache(client, {
    maxEntries: 100,
    maxBytes: 1_000_000,
    connect: (node, role) => {
      const [host, port] = node.split(':');
      return new Redis({ host, port: Number(port), connectionName: `near-failover-${role}`, autoResubscribe: false });
    },
  });
  await waitFor(() => near.stats().nodes?.length === 3 && near.stats().nodes!.every((node) => node.state === 'ready'), 10_000);
}, 60_000);

afterAll(async () => {
  await near?.close();
  client?.disconnect();
  writer?.disconnect();
  await cluster?.stop();
});

it('drops the old value within milliseconds of a write on the new master, although the old master kept its connections', async () => {
  const key = '{near-failover}:entry';
  await writer.set(key, 'before');
  expect(await near.read(key, asEntry)).toBe('before');
  expect(near.peek<string>(key)?.value).toBe('before');

  const oldMaster = client.slots[calculateSlot(key)]![0]!;
  const replicaPort = await replicaOf(oldMaster);
  const replica = new Redis({ port: replicaPort });
  try {
    await replica.cluster('FAILOVER');
    await waitFor(async () => (await replica.role())[0] === 'master', 10_000, 50);
  } finally {
    replica.disconnect();
  }
  await writer.set(key, 'after');
  const written = performance.now();
  // The write reaches the demoted master through replication, and Redis invalidates our tracked read there.
  await waitFor(() => near.peek<string>(key)?.value !== 'before', 3000, 1);
  const staleMs = performance.now() - written;
  console.info(`[near] old value dropped ${staleMs.toFixed(1)} ms after the write on the new master`);
  // Like any other invalidation: milliseconds, not the 2 s of a slot-map refresh.
  expect(staleMs).toBeLessThan(500);
  // And never again afterwards.
  const until = Date.now() + 2500;
  while (Date.now() < until) {
    expect(near.peek<string>(key)?.value ?? 'absent').not.toBe('before');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(await near.read(key, asEntry)).toBe('after');
}, 60_000);

/** The port of the replica that follows the master at `address` (host:port). */
async function replicaOf(address: string): Promise<number> {
  const [host, port] = address.split(':');
  const master = new Redis({ host, port: Number(port) });
  try {
    const info = await master.info('replication');
    return Number(/slave0:ip=[^,]+,port=(\d+)/.exec(info)?.[1]);
  } finally {
    master.disconnect();
  }
}
