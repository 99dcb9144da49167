import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { OwnRedisCluster } from '../testing/cluster';

/**
 * A cluster node given as a plain REDIS_URL (what managed "cluster mode" endpoints invite): the
 * standalone layout's scripts fail with CROSSSLOT, requests bypass, and /api/health must say
 * `degraded`, why, and what to do — not `ok`.
 */
let cluster: OwnRedisCluster;
let app: { cache: typeof import('./index'); redis: typeof import('../core/redis'); health: typeof import('../server/health') };

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3 });
  process.env.REDIS_URL = `redis://127.0.0.1:${cluster.ports[0]}`;
  app = { cache: await import('./index'), redis: await import('../core/redis'), health: await import('../server/health') };
}, 60_000);

afterAll(async () => {
  (await app?.redis.getRedis())?.client.disconnect();
  await cluster?.stop();
});

it('reports degraded, with the reason and the fix, when REDIS_URL points at a cluster node', async () => {
  const result = await app.cache.cached({ scenario: 'username', key: 'expensive_function:plain-url', expiry: { ttlMs: 60_000 }, isValue: (value): value is number => z.number().safeParse(value).success, compute: async () => 1 });
  expect(['bypass', 'miss']).toContain(result.status);
  await app.cache.flushMetrics();
  const health = await app.health.getHealth();
  expect(health).toMatchObject({ status: 'degraded', redis: { connected: true, topology: 'standalone' } });
  const codes = health.problems.map((problem) => problem.code);
  expect(codes).toContain('cluster_url');
  expect(health.problems.find((problem) => problem.code === 'cluster_url')?.advice).toMatch(/REDIS_CLUSTER_NODES/);
});
