import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { OwnRedisCluster } from '../testing/cluster';
import { waitFor } from '../testing/redis-server';

/**
 * A master of a 3 + 3 cluster killed under load: requests to its slots cost bypasses (never an
 * error, never a hang), the replica takes over and the app follows the new topology by itself.
 */
let cluster: OwnRedisCluster;
let app: { cache: typeof import('./index'); redis: typeof import('../core/redis'); hub: typeof import('../features/keylife/hub'); keys: typeof import('./keys') };

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
  Object.assign(process.env, {
    REDIS_CLUSTER_NODES: cluster.seeds,
    REDIS_COMMAND_TIMEOUT_MS: '300',
    REDIS_BREAKER_THRESHOLD: '3',
    REDIS_BREAKER_COOLDOWN_MS: '500',
  });
  // Every node (replicas too: one is promoted below) sends the key events the key-life view listens to.
  await Promise.all(cluster.ports.map(async (port) => {
    const node = new Redis({ port });
    await node.config('SET', 'notify-keyspace-events', 'E$gxe').finally(() => node.disconnect());
  }));
  app = { cache: await import('./index'), redis: await import('../core/redis'), hub: await import('../features/keylife/hub'), keys: await import('./keys') };
  await app.hub.startKeyLife();
}, 60_000);

afterAll(async () => {
  (await app?.redis.getRedis())?.client.disconnect();
  await cluster?.stop();
});

const isNumber = (value: unknown): value is number => z.number().safeParse(value).success;
const lookup = (index: number) =>
  app.cache.cached({ scenario: 'username', key: `expensive_function:failover-${index}`, expiry: { ttlMs: 60_000 }, isValue: isNumber, compute: async () => index });

it('costs bypasses while a master fails over, never an error or a hang, and hits again without a restart', async () => {
  const keys = Array.from({ length: 30 }, (_, index) => index);
  for (const index of keys) await lookup(index);
  const [victim] = await cluster.masterPorts();

  const statuses: string[] = [];
  let slowest = 0;
  let stop = false;
  const load = (async () => {
    while (!stop) {
      await Promise.all(
        keys.map(async (index) => {
          const started = performance.now();
          const result = await lookup(index); // would reject on any error reaching the caller
          slowest = Math.max(slowest, performance.now() - started);
          statuses.push(result.status);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, 300));
  await cluster.kill(victim!);
  await cluster.waitUntilHealthy(3, 0, 30_000);
  // The app notices the new master by itself: every key hits again.
  await waitFor(async () => (await Promise.all(keys.map(lookup))).every((result) => result.status === 'hit' || result.status === 'miss'), 20_000, 200);
  stop = true;
  await load;

  expect(statuses.filter((status) => status === 'bypass').length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(statuses.filter((status) => ['hit', 'miss', 'bypass'].includes(status))));
  // No hang: a request waits at most a few command timeouts (plus a loaded machine's slack).
  expect(slowest).toBeLessThan(5000);
  expect((await Promise.all(keys.map(lookup))).map((result) => result.status)).toEqual(keys.map(() => 'hit'));
}, 90_000);

it('listens to the promoted master afterwards: keys expiring on every master, the new one included, reach the key-life stream', async () => {
  const subscriber = app.hub.keyLifeSubscriber()!;
  const masters = (await cluster.masterPorts()).map((port) => `127.0.0.1:${port}`);
  await waitFor(() => subscriber.listening && [...subscriber.servers()].sort().join() === [...masters].sort().join(), 10_000, 100);

  const keys = Array.from({ length: 30 }, (_, index) => app.keys.cacheKey(`expensive_function:life-after-failover-${index}`));
  const expired = new Set<string>();
  const stop = app.hub.keyLifeBus().listen((entry) => entry.kind === 'key' && entry.data.type === 'expired' && expired.add(entry.data.key));
  const writer = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
  try {
    await Promise.all(keys.map((key) => writer.set(key, '{}', 'PX', 200)));
    await waitFor(() => expired.size === keys.length, 10_000, 50);
  } finally {
    stop();
    writer.disconnect();
  }
}, 30_000);
