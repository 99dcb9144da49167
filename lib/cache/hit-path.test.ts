import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../core/env';
import { RedisUnavailableError } from '../core/redis';
import { processWide } from '../core/process-wide';
import { keysUnder, inspector, removeUnder } from '../testing/redis';
import { CacheEngine } from './engine';
import { flushMetrics } from './recorder';
import type { CachedOptions, RedisRunner } from './options';

const redis = inspector();
const isText = (value: unknown): value is string => typeof value === 'string';
const options = (key: string): CachedOptions<string> => ({
  scenario: `hit-path-${Math.random().toString(36).slice(2, 8)}`,
  key: `hit-path:${key}`,
  expiry: { ttlMs: 60_000 },
  compute: async () => `computed ${key}`,
  isValue: isText,
  strategy: 'cache-aside',
});

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  expect(await keysUnder(redis, env.CACHE_PREFIX)).toEqual([]);
  redis.disconnect();
});

// cached() is no longer an async function (docs/hit-path.md): what it did as one must still hold.
describe('the hit path without an async frame', () => {
  it('a runner that throws at once, Redis unavailable, still makes a bypass, not a throw', async () => {
    const runner = (() => {
      throw new RedisUnavailableError('Redis circuit open: skipping the cache for now', true);
    }) as RedisRunner;
    const result = await new CacheEngine(runner, async () => null).cached(options('refused'));
    expect(result).toMatchObject({ status: 'bypass', value: 'computed refused', strategy: null });
  });

  it('any other error thrown before the read rejects the returned promise instead of throwing', async () => {
    const runner = (() => {
      throw new Error('a bug in the runner');
    }) as RedisRunner;
    const engine = new CacheEngine(runner, async () => null);
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = engine.cached(options('bug')))).not.toThrow();
    await expect(pending).rejects.toThrow('a bug in the runner');
  });
});

describe('processWide', () => {
  it('keeps returning the anchored instance, which another accessor of the same name (another module graph) shares', () => {
    const name = `test.${Math.random().toString(36).slice(2, 8)}`;
    const first = processWide(name, () => ({ made: 'first' }));
    const second = processWide(name, () => ({ made: 'second' }));
    expect(first()).toBe(first());
    expect(second()).toBe(first());
    expect(second().made).toBe('first');
  });
});
