import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisCluster } from '../../testing/cluster';
import { waitFor } from '../../testing/redis-server';
import type { StreamEntry } from './bus';

/**
 * Key life on a Redis Cluster of this test's own (3 masters): notifications are per node there,
 * so the app enables them on every master and keeps one subscriber connection per master.
 */
let cluster: OwnRedisCluster;
let app: {
  hub: typeof import('./hub');
  read: typeof import('./read');
  scenario: typeof import('../../scenarios/scenario');
  username: typeof import('../../scenarios/username');
  redis: typeof import('../../core/redis');
  removals: typeof import('./removals');
};
const seen: StreamEntry[] = [];

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3 });
  Object.assign(process.env, { REDIS_CLUSTER_NODES: cluster.seeds, REDIS_NOTIFICATIONS: 'on', USERNAME_DELAY_MS: '20' });
  app = {
    hub: await import('./hub'),
    read: await import('./read'),
    scenario: await import('../../scenarios/scenario'),
    username: await import('../../scenarios/username'),
    redis: await import('../../core/redis'),
    removals: await import('./removals'),
  };
  await app.hub.startKeyLife();
  await waitFor(() => app.hub.keyLifeSubscriber()?.listening === true, 10_000);
  app.hub.keyLifeBus().listen((entry) => seen.push(entry));
}, 60_000);

afterAll(async () => {
  await app?.hub.keyLifeSubscriber()?.stop();
  (await app?.redis.getRedis())?.client.disconnect();
  await cluster?.stop();
});

describe('key life on a Redis Cluster', () => {
  it('enables the notification classes and subscribes once on every master', async () => {
    const masters = await cluster.masterPorts();
    expect(masters).toHaveLength(3);
    for (const port of masters) {
      const node = new Redis({ port, host: '127.0.0.1' });
      try {
        const flags = ((await node.config('GET', 'notify-keyspace-events')) as string[])[1] ?? '';
        for (const flag of ['E', '$', 'g', 'x', 'e']) expect(flags.replace('A', 'g$lshzxet')).toContain(flag);
        expect(await node.pubsub('NUMSUB', '__keyevent@0__:expired')).toEqual(['__keyevent@0__:expired', 1]);
      } finally {
        node.disconnect();
      }
    }
    expect(await app.hub.notificationStatus()).toMatchObject({ listening: true, missing: [], unavailable: [] });
  });

  it('sees keys on every master expire, with their lag on the timeline, each counted once for Prometheus', async () => {
    const removed = () => app.redis.withRedis((client) => app.removals.readRemovals(client));
    const before = await removed();
    const names = Array.from({ length: 6 }, () => `life_${randomBytes(4).toString('hex')}`);
    const results = await Promise.all(names.map((username) => app.scenario.runScenario(app.username.usernameScenario, { username }, { ttlMs: 1000 })));
    const keys = results.map((result) => result.key);
    // Hash-tagged keys of six names land on more than one master.
    expect(new Set(await Promise.all(keys.map(async (key) => (await app.redis.getRedis()).client.cluster('KEYSLOT', key)))).size).toBeGreaterThan(1);
    const expired = (key: string) => seen.some((entry) => entry.kind === 'key' && entry.data.key === key && entry.data.type === 'expired');
    await waitFor(() => keys.every(expired), 15_000);
    for (const key of keys) {
      const { events } = await app.read.keyTimeline(key);
      expect(events.map((event) => event.type)).toEqual(['stored', 'ttl-zero', 'expired']);
      expect(events[2]?.lagMs).toBeGreaterThanOrEqual(0);
    }
    // Counted after the timeline row is kept: the last ones may still be on their way.
    await waitFor(async () => (await removed()).expired - before.expired >= keys.length, 5000);
    expect((await removed()).expired - before.expired).toBe(keys.length);
  });
});
