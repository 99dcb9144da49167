import { spawn } from 'node:child_process';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OwnRedisCluster } from '../testing/cluster';
import { waitFor } from '../testing/redis-server';
import { boundCommands } from '../core/command-deadline';

/**
 * The app on a Redis Cluster of its own (3 masters on free ports): REDIS_CLUSTER_NODES is set
 * before the app's modules load (lib/core/env.ts reads it once), so they use the Cluster client and
 * the hash-tagged key layout. Every figure is exact: the cluster holds only this file's keys.
 */
let cluster: OwnRedisCluster;
let inspect: Cluster;
let app: {
  cache: typeof import('./index');
  keys: typeof import('./keys');
  settings: typeof import('./strategy-setting');
  stats: typeof import('../features/stats');
  browse: typeof import('../features/keyspace/browse');
  health: typeof import('../server/health');
  redis: typeof import('../core/redis');
  info: typeof import('../core/redis-info');
  limit: typeof import('../http/rate-limit');
};

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3 });
  Object.assign(process.env, { REDIS_CLUSTER_NODES: cluster.seeds, CACHE_LOCK_POLL_MS: '10', RATE_LIMIT_POINTS: '3' });
  app = {
    cache: await import('./index'),
    keys: await import('./keys'),
    settings: await import('./strategy-setting'),
    stats: await import('../features/stats'),
    browse: await import('../features/keyspace/browse'),
    health: await import('../server/health'),
    redis: await import('../core/redis'),
    info: await import('../core/redis-info'),
    limit: await import('../http/rate-limit'),
  };
  inspect = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
}, 60_000);

afterAll(async () => {
  await app?.cache.flushMetrics();
  (await app?.redis.getRedis())?.client.disconnect();
  inspect?.disconnect();
  await cluster?.stop();
});

const isNumber = (value: unknown): value is number => z.number().safeParse(value).success;
let computations = 0;
const lookup = (scenario: string, key: string, extra: { strategy?: import('./types').CacheStrategy; coalesce?: boolean; engine?: import('./engine').CacheEngine } = {}) =>
  (extra.engine ?? { cached: app.cache.cached }).cached({
    scenario,
    key,
    expiry: { ttlMs: 60_000 },
    isValue: isNumber,
    strategy: extra.strategy,
    coalesce: extra.coalesce,
    compute: async () => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return computations;
    },
  });

/** MONITOR on one node through redis-cli: every command it runs, one line each, from the moment it says OK. */
async function monitorNode(port: number): Promise<{ lines: string[]; stop: () => void }> {
  const child = spawn('redis-cli', ['-p', String(port), 'monitor']);
  const lines: string[] = [];
  let started = false;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!started && line.trim() === 'OK') {
          started = true;
          resolve();
        } else if (started && line.trim() !== '') lines.push(line);
      }
    });
    child.once('error', reject);
  });
  return { lines, stop: () => child.kill('SIGKILL') };
}

describe('on a Redis Cluster', () => {
  it('keeps an entry and its lock in one slot, the readable key inside the hash tag', () => {
    const { keys } = app;
    expect(keys.cacheKey('expensive_function:maxim')).toBe(`${process.env.CACHE_PREFIX}{expensive_function:maxim}`);
    expect(keys.hashTagOf(keys.lockKey('expensive_function:maxim'))).toBe('expensive_function:maxim');
    expect(keys.readableKeyOf(keys.cacheKey('sentiment:what a } day'))).toBe('sentiment:what a } day');
    expect(keys.hashTagOf(keys.statsKeys.totals('live', 'username'))).toBe(keys.hashTagOf(keys.statsKeys.series('sim', 'username', 42)));
  });

  it('misses, then hits in one round trip to the one node holding the key, for every strategy', async () => {
    const { client } = await app.redis.getRedis();
    const nodes = app.redis.masterNodes(client);
    for (const strategy of app.cache.STRATEGIES) {
      const key = `expensive_function:rt-${strategy}`;
      expect((await lookup('username', key, { strategy })).status).toBe('miss');
      const full = app.keys.cacheKey(key);
      const monitors = await Promise.all(nodes.map((node) => monitorNode(Number(node.options.port))));
      try {
        const hit = await lookup('username', key, { strategy });
        expect(hit).toMatchObject({ status: 'hit', strategy, key: full });
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Commands naming the key, sent by a client (not run inside a script, not the metrics batch
        // whose recent-requests stream names it too): the one lookup, on one node.
        const seen = monitors.flatMap((monitor, node) =>
          monitor.lines.filter((line) => line.includes(`"${full}"`) && !line.includes(' lua]') && !line.includes('_stats:')).map((line) => ({ node, line })),
        );
        expect(seen).toHaveLength(1);
        expect(seen[0]?.line).toMatch(/"get"/i);
      } finally {
        for (const monitor of monitors) monitor.stop();
      }
    }
  });

  it('counts exactly: dashboard totals equal the requests sent, across scenarios on different nodes', async () => {
    const scenarios = ['username', 'sentiment', 'weather', 'leaderboard'];
    let sent = 0;
    for (const scenario of scenarios) {
      for (let index = 0; index < 10; index += 1) {
        await lookup(scenario, `${scenario}:exact-${index % 4}`);
        sent += 1;
      }
    }
    await app.cache.flushMetrics();
    const stats = await app.stats.getStats({ windowSeconds: 60, source: 'live', scenario: 'sentiment' }, Date.now() + 3000);
    const exact = stats.scenarios.filter((part) => part.id !== 'username').reduce((sum, part) => sum + part.figures.requests, 0);
    expect(exact).toBe(30);
    for (const id of ['sentiment', 'weather', 'leaderboard']) expect(stats.scenarios.find((part) => part.id === id)?.figures.counts).toMatchObject({ miss: 4, hit: 6 });
    expect(sent).toBe(40);
    const throughput = stats.throughput.reduce((sum, point) => sum + (point.rates.hit + point.rates.miss) * stats.window.step, 0);
    expect(Math.round(throughput)).toBe(10);
  });

  it('computes a 200-request lock burst once across two app instances', async () => {
    const { resilientOptions } = app.redis;
    // A second instance's client, bounded like the app's own.
    const second = boundCommands(new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: resilientOptions(), enableOfflineQueue: false }), 300);
    await new Promise((resolve) => second.once('ready', resolve));
    try {
      const other = new app.cache.CacheEngine((work) => work(second));
      // Warm both instances' connections to every master, as a running app has them.
      for (let index = 0; index < 12; index += 1) {
        await lookup('username', `expensive_function:warm-${index}`, { engine: other });
        await lookup('username', `expensive_function:warm-${index}`);
      }
      computations = 0;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) => lookup('username', 'expensive_function:burst', { strategy: 'lock', coalesce: false, engine: index % 2 === 0 ? undefined : other })),
      );
      expect(computations).toBe(1);
      expect(results.filter((result) => result.status === 'miss')).toHaveLength(1);
      // The rest waited for that computation (a late starter may find the stored value: a hit).
      expect(results.filter((result) => result.status === 'coalesced' || result.status === 'hit')).toHaveLength(199);
      expect(results.filter((result) => result.status === 'coalesced').length).toBeGreaterThan(150);
    } finally {
      second.disconnect();
    }
  });

  it('follows a strategy switched by another instance within a refresh', async () => {
    await inspect.hset(app.keys.strategyConfigKey(), 'weather', 'swr');
    await waitFor(async () => (await lookup('weather', 'weather:switch')).strategy === 'swr', 3000);
    await app.settings.writeStrategy('weather', 'cache-aside');
    expect((await lookup('weather', 'weather:switch')).strategy).toBe('cache-aside');
  });

  it('lists keys from every master with their slot and node, page by page', async () => {
    for (let index = 0; index < 30; index += 1) await lookup('username', `expensive_function:browse-${index}`);
    const found = [];
    let cursor = '0';
    let pages = 0;
    do {
      const page = await app.browse.listKeys({ scenario: 'username', match: 'browse-', cursor });
      found.push(...page.keys);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== '0' && pages < 50);
    expect(found.map((key) => key.readableKey).sort()).toEqual(Array.from({ length: 30 }, (_, index) => `expensive_function:browse-${index}`).sort());
    expect(new Set(found.map((key) => key.node)).size).toBe(3);
    const sample = found[0]!;
    expect(sample.slot).toBe(Number(await inspect.cluster('KEYSLOT', sample.key)));
  });

  it('describes every node: role, slot ranges covering all 16384 slots, keys summed over the masters', async () => {
    const info = await app.info.getRedisInfo();
    expect(info).toMatchObject({ backend: 'redis', mode: 'cluster', cluster: { state: 'ok' } });
    const masters = info.cluster?.nodes.filter((node) => node.role === 'master') ?? [];
    expect(masters).toHaveLength(3);
    const slots = masters.flatMap((node) => node.slots).reduce((total, range) => {
      const [start, end = start] = range.split('-').map(Number);
      return total + (end! - start! + 1);
    }, 0);
    expect(slots).toBe(16384);
    expect(info.keys).toBe(masters.reduce((total, node) => total + (node.keys ?? 0), 0));
    expect(info.keys).toBeGreaterThan(30);
  });

  it('rate-limits in the cluster: the budget is shared there, then a 429', async () => {
    const { NextRequest } = await import('next/server');
    const asking = () => app.limit.limitRequest(new NextRequest('http://localhost/api/username/x', { headers: { 'x-forwarded-for': '203.0.113.9' } }), 'scenario');
    for (let index = 0; index < 3; index += 1) await asking();
    await expect(asking()).rejects.toMatchObject({ status: 429 });
    expect(Number(await inspect.get(`${app.keys.statsKeys.rateLimit('scenario')}:203.0.113.9`))).toBeGreaterThanOrEqual(3);
  });

  it('reports health ok on the cluster, and invalidates keys spread over slots', async () => {
    expect(await app.health.getHealth()).toMatchObject({ status: 'ok', redis: { connected: true, topology: 'cluster' }, problems: [] });
    const readable = Array.from({ length: 5 }, (_, index) => `expensive_function:browse-${index}`);
    expect(await app.cache.invalidateMany(readable)).toBe(5);
  });

  it('serves strategy near from L1 on the cluster, tracked per master, and drops it when another client writes', async () => {
    const key = 'expensive_function:near-on-cluster';
    const statuses: string[] = [];
    await waitFor(async () => {
      statuses.push((await lookup('near-cluster', key, { strategy: 'near' })).status);
      return statuses.at(-1) === 'near-hit';
    }, 5000, 20);
    expect(statuses[0]).toBe('miss');
    const health = await app.health.getHealth();
    expect(health.nearCache).toMatchObject({ available: true, started: true, state: 'ready' });
    const nodes = 'nodes' in health.nearCache ? (health.nearCache.nodes ?? []) : [];
    expect(nodes.map((node) => node.state)).toEqual(['ready', 'ready', 'ready']);

    await inspect.del(app.keys.cacheKey(key));
    await waitFor(async () => (await lookup('near-cluster', key, { strategy: 'near' })).status === 'miss', 2000, 5);
  });
});
