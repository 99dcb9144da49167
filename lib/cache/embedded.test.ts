import { afterAll, describe, expect, it } from 'vitest';
import { getHealth } from '../server/health';
import { recentEvents } from '../features/stats/events';
import { getStats } from '../features/stats';
import { plantEmbeddedStore } from '../testing/embedded';
import { cached, flushMetrics } from './index';
import { statsKeys } from './keys';
import { strategySettings } from './strategy-setting';

/**
 * The embedded store (ioredis-mock, used when no Redis answers) for real: the app's own engine,
 * recorder and dashboard readers all talk to it, nothing goes to the shared Redis. It must run
 * the same Lua scripts, metric batches included (ioredis-mock drops the writes of a script whose
 * key count travels as an argument: the dashboard then showed 0 requests).
 */
const { store, restore } = plantEmbeddedStore();
afterAll(restore);

let computations = 0;
const isNumber = (value: unknown): value is number => typeof value === 'number';
const lookup = (key: string, strategy?: 'cache-aside' | 'lock' | 'swr', ttlMs = 60_000) =>
  cached({
    scenario: 'username',
    key: `expensive_function:embedded-${key}`,
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

describe('the embedded store', () => {
  it('misses, then hits, with every strategy, and the dashboard counts every request', async () => {
    for (const strategy of ['cache-aside', 'lock', 'swr'] as const) {
      expect((await lookup(strategy, strategy)).status).toBe('miss');
      expect(await lookup(strategy, strategy)).toMatchObject({ status: 'hit', strategy });
    }
    await flushMetrics();
    expect(await store.hget(statsKeys.totals('live', 'username'), 'hit')).toBe('3');

    // The charts show completed seconds only: ask as if a few seconds had passed.
    const stats = await getStats({ windowSeconds: 60, source: 'all' }, Date.now() + 3000);
    expect(stats.total).toMatchObject({ requests: 6, counts: { hit: 3, miss: 3 }, hitRatio: 0.5 });
    expect(stats.total.strategies.map(({ strategy, requests }) => [strategy, requests]).sort()).toEqual([['cache-aside', 2], ['lock', 2], ['swr', 2]]);
    expect(stats.throughput.reduce((sum, point) => sum + point.rates.hit + point.rates.miss, 0)).toBeGreaterThan(0);
    expect(stats.histogram.reduce((sum, bar) => sum + bar.hit + bar.miss, 0)).toBe(6);
    const events = await recentEvents(10);
    expect(events).toHaveLength(6);
    expect(events[0]).toMatchObject({ scenario: 'username', status: 'hit', key: expect.stringContaining('embedded-swr') });
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
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(computations).toBe(1);
  });

  it('follows the configured strategy, and health says embedded with no problem', async () => {
    await strategySettings().write('username', 'lock');
    expect((await lookup('configured')).strategy).toBe('lock');
    await strategySettings().write('username', 'cache-aside');
    await flushMetrics();
    expect(await getHealth()).toMatchObject({ status: 'ok', backend: 'embedded', problems: [] });
  });
});
