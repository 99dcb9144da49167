import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisCluster } from '../testing/cluster';
import { handlerSuite } from '../testing/next-cache-suite';

/** Next's cache handlers on a 3-master Redis Cluster of this file's own: entries on every slot, the tag manifest on one, no CROSSSLOT. */
let cluster: OwnRedisCluster;
let app: { nextCache: typeof import('./register'); handlers: typeof import('./use-cache'); tags: typeof import('./tags'); store: typeof import('./store'); events: typeof import('./events'); problems: typeof import('../core/redis-problems') };

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3 });
  process.env.REDIS_CLUSTER_NODES = cluster.seeds;
  app = {
    nextCache: await import('./register'), handlers: await import('./use-cache'), tags: await import('./tags'), store: await import('./store'), events: await import('./events'),
    problems: await import('../core/redis-problems'),
  };
}, 60_000);

afterAll(async () => {
  await app?.events.nextCacheEvents().flush();
  (await (await import('../core/redis')).getRedis()).client.disconnect();
  await (await (await import('../cache/near/process')).processNearCache())?.close();
  await cluster?.stop();
});

describe('Next cache handlers on a 3-master cluster', () => {
  handlerSuite(() => ({
    nextCache: app.nextCache,
    other: () => new app.handlers.UseCacheHandler({ store: new app.store.EntryStore(), tags: new app.tags.TagManifest(), events: app.events.nextCacheEvents() }),
  }));

  it('entries land on every master, and no command was refused (CROSSSLOT)', async () => {
    const { getRedis, masterNodes } = await import('../core/redis');
    const { client } = await getRedis();
    const { entryPattern } = await import('./keys');
    const { streamOf } = await import('./stream');
    // 30 entries of keys of their own: a master left empty by chance is (2/3)^30 ≈ 5e-6 likely.
    const writer = new app.handlers.UseCacheHandler({ store: new app.store.EntryStore(), tags: new app.tags.TagManifest(), events: app.events.nextCacheEvents() });
    for (let index = 0; index < 30; index += 1) {
      await writer.set(`spread-${index}-${Date.now()}`, Promise.resolve({ value: streamOf(Buffer.from('spread')), tags: ['spread'], stale: 300, timestamp: Date.now(), expire: 3600, revalidate: 900 }));
    }
    const perMaster = await Promise.all(masterNodes(client).map(async (node) => (await node.keys(entryPattern())).length));
    expect(perMaster, `entries per master: ${perMaster.join(', ')}`).toHaveLength(3);
    expect(perMaster.every((count) => count > 0), `entries per master: ${perMaster.join(', ')}`).toBe(true);
    expect(app.problems.currentProblems().filter((problem) => problem.code === 'crossslot')).toEqual([]);
  });
});
