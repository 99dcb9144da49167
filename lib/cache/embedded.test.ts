import type Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../env';
import { inspector, removeUnder } from '../testing/redis';
import { CacheEngine } from './engine';
import { flushMetrics } from './recorder';

/** The embedded store (ioredis-mock, used when no Redis answers) must run the same Lua scripts. */
const store = new RedisMock() as unknown as Redis;
const engine = new CacheEngine((work) => work(store));

// The metrics still go to the shared Redis, under this file's prefix.
afterAll(async () => {
  await flushMetrics();
  const redis = inspector();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

let computations = 0;
const isNumber = (value: unknown): value is number => typeof value === 'number';
const lookup = (key: string, strategy: 'cache-aside' | 'lock' | 'swr', ttlMs = 60_000) =>
  engine.cached({
    scenario: 'embedded',
    key: `embedded:${key}`,
    expiry: { ttlMs },
    isValue: isNumber,
    strategy,
    coalesce: false,
    compute: async () => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return computations;
    },
  });

describe('strategies on the embedded store', () => {
  it('misses, then hits, with every strategy', async () => {
    for (const strategy of ['cache-aside', 'lock', 'swr'] as const) {
      expect((await lookup(strategy, strategy)).status).toBe('miss');
      expect(await lookup(strategy, strategy)).toMatchObject({ status: 'hit', strategy });
    }
  });

  it('computes a cold key once under the lock', async () => {
    computations = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => lookup('burst', 'lock')));
    expect(computations).toBe(1);
    expect(results.filter((result) => result.status === 'coalesced')).toHaveLength(19);
  });

  it('serves stale and refreshes once', async () => {
    await lookup('stale', 'swr', 50);
    await new Promise((resolve) => setTimeout(resolve, 80));
    computations = 0;
    const results = await Promise.all(Array.from({ length: 5 }, () => lookup('stale', 'swr', 50)));
    expect(results.every((result) => result.status === 'stale')).toBe(true);
    await engine.settled();
    expect(computations).toBe(1);
  });
});
