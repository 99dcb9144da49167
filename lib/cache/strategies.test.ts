import Redis from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../testing/redis-server';

/**
 * Strategies across app instances: two engines, each with its own Redis connection, play two
 * app processes. Settings are fixed before the modules load (lib/core/env.ts reads them once): a
 * lock short enough for a test to outlive it, a fast poll, a one-minute stale grace period.
 */
process.env.CACHE_LOCK_TTL_MS = '1500';
process.env.CACHE_LOCK_POLL_MS = '10';
process.env.CACHE_LOCK_WAIT_MS = '5000';
process.env.CACHE_SWR_GRACE_SECONDS = '60';

let cache: typeof import('./index');
let keys: typeof import('./keys');
let settings: typeof import('./strategy-setting');
let redis: Redis;
let instanceA: import('./engine').CacheEngine;
let instanceB: import('./engine').CacheEngine;
/** Instance A's own connection: every command it sends is one round trip. */
let connectionA: Redis;
let closeEngines: () => void;

beforeAll(async () => {
  cache = await import('./index');
  keys = await import('./keys');
  settings = await import('./strategy-setting');
  const { inspector } = await import('../testing/redis');
  redis = inspector();
  const two = await (await import('../testing/engines')).twoEngines();
  [instanceA, instanceB] = two.engines;
  connectionA = two.connections[0];
  closeEngines = two.disconnect;
});

afterAll(async () => {
  await cache.flushMetrics();
  const { keysUnder, removeUnder } = await import('../testing/redis');
  const { env } = await import('../core/env');
  await removeUnder(redis, env.CACHE_PREFIX);
  expect(await keysUnder(redis, env.CACHE_PREFIX)).toEqual([]);
  closeEngines();
  redis.disconnect();
});

const isVersioned = (value: unknown): value is { version: number } => z.object({ version: z.number() }).safeParse(value).success;

let scenario = 'strategies';
let computations = 0;
let finished = 0;
beforeEach(() => {
  scenario = `strategies-${Math.random().toString(36).slice(2, 8)}`;
  computations = 0;
  finished = 0;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A compute that counts itself, takes `delayMs` and returns an increasing version. */
function slowCompute(delayMs: number) {
  return async () => {
    computations += 1;
    const version = computations;
    await pause(delayMs);
    finished += 1;
    return { version };
  };
}

type Options = Partial<import('./engine').CachedOptions<{ version: number }>>;
function request(engine: import('./engine').CacheEngine, key: string, options: Options = {}) {
  return engine.cached({ scenario, key: `strategy:${key}`, expiry: { ttlMs: 60_000 }, compute: slowCompute(100), isValue: isVersioned, ...options });
}

async function totals() {
  await cache.flushMetrics();
  const raw = await redis.hgetall(keys.statsKeys.totals('live', scenario));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

/** 200 concurrent requests for one cold key, alternating between the two app instances. */
function burst(key: string, options: Options) {
  return Promise.all(Array.from({ length: 200 }, (_, index) => request(index % 2 === 0 ? instanceA : instanceB, key, options)));
}

describe('stampede protection across instances (strategy lock)', () => {
  it('computes a cold key once for 200 concurrent requests that cannot coalesce in process', async () => {
    const results = await burst('cold', { strategy: 'lock', coalesce: false });
    expect(computations).toBe(1);
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'coalesced')).toHaveLength(199);
    expect(new Set(results.map((result) => result.value.version))).toEqual(new Set([1]));
    expect(results.every((result) => result.strategy === 'lock')).toBe(true);
    expect(await redis.exists(keys.lockKey('strategy:cold'))).toBe(0);
    const counts = await totals();
    expect(counts).toMatchObject({ miss: 1, coalesced: 199, 'strategy:lock:requests': 200, 'strategy:lock:computations': 1 });
  });

  it('without the lock, the same burst is a stampede: every request computes', async () => {
    const results = await burst('stampede', { strategy: 'cache-aside', coalesce: false });
    expect(computations).toBe(200);
    expect(results.every((result) => result.status === 'miss')).toBe(true);
    expect(await totals()).toMatchObject({ miss: 200, 'strategy:cache-aside:computations': 200 });
  });

  it('with in-process coalescing on, two instances still compute once under the lock, twice without', async () => {
    await burst('two-locked', { strategy: 'lock' });
    expect(computations).toBe(1);
    computations = 0;
    await burst('two-plain', { strategy: 'cache-aside' });
    // One computation per instance: in-process coalescing cannot reach across processes.
    expect(computations).toBe(2);
  });

  it('releases the lock when the compute throws, and the next request succeeds', async () => {
    const failing = async () => {
      computations += 1;
      await pause(50);
      throw new Error('upstream down');
    };
    await expect(request(instanceA, 'flaky', { strategy: 'lock', compute: failing })).rejects.toThrow('upstream down');
    expect(await redis.exists(keys.lockKey('strategy:flaky'))).toBe(0);
    const next = await request(instanceB, 'flaky', { strategy: 'lock' });
    expect(next).toMatchObject({ status: 'miss', value: { version: 2 } });
    expect(await totals()).toMatchObject({ miss: 2, error: 1 });
  });

  it('hands the lock to a waiting instance when the holder fails', async () => {
    const failing = async () => {
      computations += 1;
      await pause(150);
      throw new Error('upstream down');
    };
    const holder = request(instanceA, 'handover', { strategy: 'lock', compute: failing, coalesce: false });
    await pause(30);
    const waiter = request(instanceB, 'handover', { strategy: 'lock', coalesce: false });
    await expect(holder).rejects.toThrow('upstream down');
    expect(await waiter).toMatchObject({ status: 'miss', value: { version: 2 } });
    expect(computations).toBe(2);
  });

  it('never lets a holder whose lock expired delete the lock someone else took since', async () => {
    const lock = keys.lockKey('strategy:late');
    const late = request(instanceA, 'late', { strategy: 'lock', compute: slowCompute(2500) });
    await pause(1800); // The holder's 1.5 s lock has expired; another caller takes the lock.
    expect(await redis.set(lock, 'someone-else', 'PX', 5000, 'NX')).toBe('OK');
    expect(await late).toMatchObject({ status: 'miss', value: { version: 1 } });
    expect(await redis.get(lock)).toBe('someone-else');
  });

  it('keeps a hit at one Redis round trip, one plain GET, for every strategy that reads Redis', async () => {
    // `near` answers from L1 without Redis: lib/cache/near/near-strategy.test.ts.
    const strategies = cache.STRATEGIES.filter((strategy) => strategy !== 'near');
    for (const strategy of strategies) await request(instanceA, `rt-${strategy}`, { strategy });
    const sent = vi.spyOn(connectionA, 'sendCommand');
    try {
      for (const strategy of strategies) {
        for (let index = 0; index < 5; index += 1) expect((await request(instanceA, `rt-${strategy}`, { strategy })).status).toBe('hit');
      }
      expect(sent.mock.calls.map(([command]) => command.name)).toEqual(Array.from({ length: 15 }, () => 'get'));
    } finally {
      sent.mockRestore();
    }
  });
});

describe('stale-while-revalidate (strategy swr)', () => {
  const swr = (engine: import('./engine').CacheEngine, key: string, options: Options = {}) =>
    request(engine, key, { strategy: 'swr', expiry: { ttlMs: 200 }, compute: slowCompute(1000), coalesce: false, ...options });

  it('serves the stale value at once while exactly one background refresh runs, then the new one', async () => {
    expect(await swr(instanceA, 'news')).toMatchObject({ status: 'miss', value: { version: 1 } });
    // Redis keeps the entry for its TTL plus the grace period.
    expect(await redis.pttl(`${(await import('../core/env')).env.CACHE_PREFIX}strategy:news`)).toBeGreaterThan(59_000);
    await pause(250);

    const stale = await Promise.all(Array.from({ length: 50 }, (_, index) => swr(index % 2 === 0 ? instanceA : instanceB, 'news')));
    expect(stale.every((result) => result.status === 'stale' && result.value.version === 1)).toBe(true);
    // Nobody waited for the one-second refresh: all were answered while it still ran.
    expect(finished).toBe(1);
    expect(Math.max(...stale.map((result) => result.latencyMs))).toBeLessThan(1000);
    expect(stale.filter((result) => result.refreshing)).toHaveLength(1);
    expect(stale.every((result) => result.ttlMs === 0)).toBe(true);

    await Promise.all([instanceA.settled(), instanceB.settled()]);
    expect(computations).toBe(2);
    expect(await swr(instanceB, 'news')).toMatchObject({ status: 'hit', value: { version: 2 } });
    expect(await totals()).toMatchObject({ miss: 1, stale: 50, hit: 1, refreshes: 1, 'strategy:swr:computations': 2, 'strategy:swr:requests': 52 });
  });

  it('keeps serving stale and retries the refresh when it fails', async () => {
    await swr(instanceA, 'retry');
    await pause(250);
    const failing = async (): Promise<{ version: number }> => {
      computations += 1;
      throw new Error('upstream down');
    };
    const first = await swr(instanceA, 'retry', { compute: failing });
    expect(first).toMatchObject({ status: 'stale', refreshing: true });
    await instanceA.settled();
    expect(await redis.exists(keys.lockKey('strategy:retry'))).toBe(0);
    const second = await swr(instanceB, 'retry');
    expect(second).toMatchObject({ status: 'stale', refreshing: true, value: { version: 1 } });
    await instanceB.settled();
    expect((await swr(instanceA, 'retry')).value.version).toBe(3);
    expect(await totals()).toMatchObject({ error: 1, refreshes: 1 });
  });

  it('treats a value past its freshness as a miss under the other strategies', async () => {
    await swr(instanceA, 'switched');
    await pause(250);
    expect(await request(instanceA, 'switched', { strategy: 'lock' })).toMatchObject({ status: 'miss', value: { version: 2 } });
  });
});

describe('the configured strategy', () => {
  it('is this process\'s copy of the shared hash: a switch here applies at once, one elsewhere within a refresh', async () => {
    expect(await settings.readStrategy(scenario)).toBe('cache-aside');
    expect((await request(instanceA, 'configured')).strategy).toBe('cache-aside');
    await settings.writeStrategy(scenario, 'swr');
    expect(await settings.readStrategy(scenario)).toBe('swr');
    expect((await request(instanceB, 'configured')).strategy).toBe('swr');

    // Another app instance switches: only the shared hash changes.
    await redis.hset(keys.strategyConfigKey(), scenario, 'lock');
    await waitFor(async () => (await request(instanceA, 'configured')).strategy === 'lock', 3000);
    await redis.hset(keys.strategyConfigKey(), scenario, 'nonsense');
    await waitFor(async () => (await request(instanceA, 'configured')).strategy === 'cache-aside', 3000);
  });

  it('is never mistaken for a cache entry', () => {
    expect(keys.isInternalKey(keys.strategyConfigKey())).toBe(true);
    expect(keys.isInternalKey(keys.lockKey('expensive_function:ada'))).toBe(true);
    expect(keys.isInternalKey(keys.cacheKey('expensive_function:ada'))).toBe(false);
  });
});
