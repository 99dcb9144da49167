import calculateSlot from 'cluster-key-slot';
import Redis, { type Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asEntry, connectTo, startClusterNear, type ClusterNearSetup } from '../../testing/cluster-near';
import { waitFor } from '../../testing/redis-server';
import type { ClusterNearCache } from './cluster-near';

/**
 * A manual failover (CLUSTER FAILOVER on a replica) on a 3 + 3 cluster the test starts: the old
 * master stays up, as a replica, with our tracked connections still open. The L1 entry it held
 * must not outlive a write made on the new master.
 */
let setup: ClusterNearSetup;
let client: Cluster;
let writer: Cluster;
let near: ClusterNearCache;

beforeAll(async () => {
  setup = await startClusterNear({ replicas: 1, slotsRefreshInterval: 2000, maxEntries: 100 });
  ({ client, writer, near } = setup);
}, 60_000);

afterAll(() => setup?.stop());

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
  const master = connectTo(address);
  try {
    const info = await master.info('replication');
    return Number(/slave0:ip=[^,]+,port=(\d+)/.exec(info)?.[1]);
  } finally {
    master.disconnect();
  }
}
