import calculateSlot from 'cluster-key-slot';
import Redis, { type Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asEntry, connectTo, startClusterNear, type ClusterNearSetup } from '../../testing/cluster-near';
import { waitFor } from '../../testing/redis-server';
import { nodeAddress, type ClusterNearCache } from './cluster-near';

/**
 * Strategy `near` on a Redis Cluster the test starts (3 masters): tracking per node, each key
 * kept by its own master's cache, and L1 emptied when a slot changes hands.
 */
let setup: ClusterNearSetup;
let client: Cluster;
let writer: Cluster;
let near: ClusterNearCache;

beforeAll(async () => {
  setup = await startClusterNear({ slotsRefreshInterval: 500, maxEntries: 300 });
  ({ client, writer, near } = setup);
}, 60_000);

afterAll(() => setup?.stop());

const keys = Array.from({ length: 30 }, (_, index) => `{near-${index}}:entry`);
const ownerOf = (key: string) => client.slots[calculateSlot(key)]?.[0];

async function holdAll(value: string) {
  await Promise.all(keys.map((key) => writer.set(key, value)));
  for (const key of keys) expect(await near.read(key, asEntry)).toBe(value);
  for (const key of keys) expect(near.peek<string>(key)?.value).toBe(value);
}

describe('ClusterNearCache', () => {
  it('keeps each key in its own master’s L1, and drops it when another client writes it', async () => {
    expect(new Set(keys.map(ownerOf)).size).toBe(3);
    await holdAll('v1');
    expect(near.stats().nodes!.map((node) => node.entries).every((entries) => entries > 0)).toBe(true);

    const invalidated = new Set<string>();
    const stop = near.onInvalidate((key) => key !== null && invalidated.add(key));
    await Promise.all(keys.map((key) => writer.set(key, 'v2')));
    await waitFor(() => invalidated.size === keys.length, 5000, 5);
    stop();
    // Never the old value once the invalidation arrived: nothing at all until read again.
    for (const key of keys) expect(near.peek(key)).toBeUndefined();
    for (const key of keys) expect(await near.read(key, asEntry)).toBe('v2');
  });

  it("empties only the master whose subscriber dropped, and serves nothing from it until its tracking is back", async () => {
    await holdAll('v3');
    const victim = ownerOf(keys[0]!)!;
    const admin = connectTo(victim);
    try {
      await admin.client('KILL', 'TYPE', 'pubsub');
    } finally {
      admin.disconnect();
    }
    await waitFor(() => near.stats().nodes!.find((node) => node.node === victim)?.state !== 'ready', 2000, 2);
    const onVictim = keys.filter((key) => ownerOf(key) === victim);
    const elsewhere = keys.filter((key) => ownerOf(key) !== victim);
    for (const key of onVictim) expect(near.peek(key)).toBeUndefined();
    for (const key of elsewhere) expect(near.peek<string>(key)?.value).toBe('v3');
    // Until tracking is back its keys are read through the cluster client, and not kept.
    expect(await near.read(onVictim[0]!, asEntry)).toBe('v3');
    await waitFor(() => near.stats().nodes!.every((node) => node.state === 'ready'), 10_000);
    expect(await near.read(onVictim[0]!, asEntry)).toBe('v3');
    expect(near.peek<string>(onVictim[0]!)?.value).toBe('v3');
  });

  it('empties every L1 when a slot changes hands, and follows the key to its new master', async () => {
    await holdAll('v4');
    const key = keys[0]!;
    const slot = calculateSlot(key);
    const source = ownerOf(key)!;
    const target = [...new Set(keys.map(ownerOf))].find((node) => node !== source)!;
    await moveSlot(slot, source, target);
    // The move deleted the key on its old master (an invalidation) and the map changes: nothing stale is served.
    await waitFor(() => near.peek(key) === undefined && ownerOf(key) === target, 5000, 10);
    await writer.set(key, 'v5');
    expect(near.peek(key)).toBeUndefined();
    expect(await near.read(key, asEntry)).toBe('v5');
    // Tracked on its new master: another write there reaches L1.
    await waitFor(() => near.peek<string>(key)?.value === 'v5', 2000, 10);
    await writer.set(key, 'v6');
    await waitFor(() => near.peek(key) === undefined, 2000, 2);
  });
});

/** Moves one slot (and its keys) between masters, the way `redis-cli --cluster reshard` does. */
async function moveSlot(slot: number, from: string, to: string) {
  const [source, target] = [connectTo(from), connectTo(to)];
  try {
    const [sourceId, targetId] = await Promise.all([source.cluster('MYID'), target.cluster('MYID')]);
    await target.cluster('SETSLOT', slot, 'IMPORTING', sourceId);
    await source.cluster('SETSLOT', slot, 'MIGRATING', targetId);
    const { host: targetHost, port: targetPort } = nodeAddress(to);
    for (;;) {
      const batch = (await source.cluster('GETKEYSINSLOT', slot, 100)) as string[];
      if (batch.length === 0) break;
      await source.migrate(targetHost, targetPort, '', 0, 5000, 'KEYS', ...batch);
    }
    for (const port of setup.cluster.ports) {
      const node = new Redis({ host: '127.0.0.1', port });
      await node.cluster('SETSLOT', slot, 'NODE', targetId).finally(() => node.disconnect());
    }
  } finally {
    source.disconnect();
    target.disconnect();
  }
}
