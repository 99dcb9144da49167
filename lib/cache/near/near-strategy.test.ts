import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisServer, pointAppAt, waitFor } from '../../testing/redis-server';
import type { CachedOptions, CacheEngine } from '../engine';
import type { NearCache } from './near-cache';

/**
 * Strategy `near` through the engine, as two app instances: each its own Redis client, its own
 * near cache (tracked reader + subscriber), all on a redis-server of this test's own, so one
 * instance's subscriber can be killed.
 */
let server: OwnRedisServer;
let inspect: Redis;
let app: {
  cache: typeof import('../index');
  keys: typeof import('../keys');
  near: typeof import('./near-cache');
  redis: typeof import('../../core/redis');
  stats: typeof import('../../features/stats');
};
const instances: { engine: CacheEngine; near: NearCache; client: Redis }[] = [];

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server);
  app = { cache: await import('../index'), keys: await import('../keys'), near: await import('./near-cache'), redis: await import('../../core/redis'), stats: await import('../../features/stats') };
  inspect = new Redis(server.url);
});

afterAll(async () => {
  await app.cache.flushMetrics();
  for (const { near, client } of instances) {
    await near.close();
    client.disconnect();
  }
  (await app.redis.getRedis()).client.disconnect();
  inspect.disconnect();
  await server.stop();
});

/** A Redis client like the app's, ready before it is used (no offline queue). */
async function connected() {
  const client = app.redis.resilientClient(server.url);
  client.on('error', () => {});
  await waitFor(() => client.status === 'ready', 5000, 10);
  return client;
}

async function instance(name: string) {
  const client = await connected();
  const near = new app.near.NearCache({
    maxEntries: 100,
    maxBytes: 1_000_000,
    connect: (role) => client.duplicate({ connectionName: `${name}-${role}`, autoResubscribe: false }),
  });
  const engine = new app.cache.CacheEngine((work) => work(client), async () => near);
  instances.push({ engine, near, client });
  await waitFor(() => near.state === 'ready', 5000, 10);
  return { engine, near, client };
}

let version = 0;
const isVersion = (value: unknown): value is { version: number } => typeof (value as { version?: unknown } | null)?.version === 'number';
const ask = (engine: CacheEngine, key: string, extra: Partial<CachedOptions<{ version: number }>> = {}) =>
  engine.cached({ scenario: 'near', key, expiry: { ttlMs: 60_000 }, compute: async () => ({ version: (version += 1) }), isValue: isVersion, strategy: 'near', ...extra });

/** Resolves when `near` has dropped `key` on Redis' word. */
function invalidationOf(near: NearCache, key: string): Promise<void> {
  const full = app.keys.cacheKey(key);
  return new Promise((resolve) => {
    const stop = near.onInvalidate((invalidated) => {
      if (invalidated !== full && invalidated !== null) return;
      stop();
      resolve();
    });
  });
}

/** Asks until the answer comes from L1 (the first answers fill Redis, then L1). */
async function untilNearHit(engine: CacheEngine, key: string) {
  for (let tries = 0; tries < 5; tries += 1) {
    const result = await ask(engine, key);
    if (result.status === 'near-hit') return result;
  }
  throw new Error(`${key} never served from L1`);
}

async function totals() {
  await app.cache.flushMetrics();
  const raw = await inspect.hgetall(app.keys.statsKeys.totals('live', 'near'));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

describe('strategy near', () => {
  it('answers from L1 without a Redis command, counted as near-hit', async () => {
    const { engine } = await instance('one');
    const before = await totals();
    expect((await ask(engine, 'quiet')).status).toBe('miss');
    expect((await ask(engine, 'quiet')).status).toBe('hit');
    const monitor = await inspect.duplicate().monitor();
    const naming: string[] = [];
    const full = app.keys.cacheKey('quiet');
    // Commands naming the key, but not the metrics batch (its events stream names every key).
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.includes(full) && !args.some((arg) => arg.includes('_stats:'))) naming.push(args.join(' '));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const served = await Promise.all(Array.from({ length: 20 }, () => ask(engine, 'quiet')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.disconnect();
    expect(served.map((result) => result.status)).toEqual(Array.from({ length: 20 }, () => 'near-hit'));
    expect(served[0]).toMatchObject({ strategy: 'near', lookupMs: 0, computeMs: 0, value: { version: expect.any(Number) } });
    expect(served[0]!.ttlMs).toBeGreaterThan(59_000);
    expect(naming).toEqual([]);
    const counted = await totals();
    expect((counted['near-hit'] ?? 0) - (before['near-hit'] ?? 0)).toBe(20);
    expect((counted['strategy:near:requests'] ?? 0) - (before['strategy:near:requests'] ?? 0)).toBe(22);
  });

  it('never serves the old value on B once A’s write was delivered', async () => {
    const a = await instance('a');
    const b = await instance('b');
    for (let round = 0; round < 20; round += 1) {
      const key = `coherent-${round}`;
      const old = (await ask(a.engine, key)).value.version;
      expect((await untilNearHit(b.engine, key)).value.version).toBe(old);
      const delivered = invalidationOf(b.near, key);
      // Instance A deletes and recomputes on its own connection: another instance's write.
      await a.client.del(app.keys.cacheKey(key));
      const fresh = (await ask(a.engine, key)).value.version;
      await delivered;
      const served = await ask(b.engine, key);
      expect(served.value.version, `round ${round}: B served ${served.status} ${served.value.version}`).toBe(fresh);
    }
    // The dashboard charts what the instances were told to drop.
    await app.cache.flushMetrics();
    // A window ending a few seconds from now: the charts leave out the second still running.
    const stats = await app.stats.getStats({ windowSeconds: 60, source: 'all' }, Date.now() + 3000);
    expect(stats.throughput.reduce((sum, point) => sum + point.invalidations * stats.window.step, 0)).toBeGreaterThanOrEqual(20);
  });

  it('serves nothing from L1 while its subscriber is gone, and again once tracking is back', async () => {
    const { engine, near } = await instance('victim');
    await ask(engine, 'victim');
    await untilNearHit(engine, 'victim');
    const list = String(await inspect.client('LIST'));
    const id = /id=(\d+) [^\n]*name=victim-subscriber/.exec(list)?.[1];
    await inspect.client('KILL', 'ID', id!);
    await waitFor(() => near.state !== 'ready', 2000, 5);

    // Written while the subscriber is away: its invalidation is lost, yet B must not serve the old value.
    await inspect.del(app.keys.cacheKey('victim'));
    const during = await ask(engine, 'victim');
    expect(during.status).toBe('miss');
    expect((await ask(engine, 'victim')).status).toBe('hit');

    await waitFor(() => near.state === 'ready', 5000, 10);
    expect((await untilNearHit(engine, 'victim')).value.version).toBe(during.value.version);
  });

  it('falls back to reading Redis when the near cache is unavailable here (embedded store, cluster)', async () => {
    const client = await connected();
    const engine = new app.cache.CacheEngine((work) => work(client), async () => null);
    try {
      await ask(engine, 'no-l1');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const statuses = [];
      for (let index = 0; index < 5; index += 1) statuses.push((await ask(engine, 'no-l1')).status);
      expect(statuses).toEqual(['hit', 'hit', 'hit', 'hit', 'hit']);
    } finally {
      client.disconnect();
    }
  });
});
