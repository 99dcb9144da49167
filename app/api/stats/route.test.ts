import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getUsername } from '@/app/api/username/[username]/route';
import { flushMetrics } from '@/lib/cache';
import { statsKeys } from '@/lib/cache/keys';
import type { StatsResponse } from '@/lib/contracts/dashboard';
import { env } from '@/lib/core/env';
import { inspector, keysUnder, removeUnder } from '@/lib/testing/redis';
import { waitFor } from '@/lib/testing/redis-server';
import { GET } from './route';
import { POST as reset } from './reset/route';

const redis = inspector();
const prefix = env.CACHE_PREFIX;

const username = (name: string, query = '') =>
  getUsername(new NextRequest(`http://localhost/api/username/${name}${query}`), { params: Promise.resolve({ username: name }) });

async function stats(query = 'window=60'): Promise<StatsResponse> {
  const response = await GET(new NextRequest(`http://localhost/api/stats?${query}`), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: StatsResponse }).data;
}

async function hash(key: string) {
  return Object.fromEntries(Object.entries(await redis.hgetall(key)).map(([field, value]) => [field, Number(value)]));
}

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  redis.disconnect();
});

describe('GET /api/stats with nothing recorded', () => {
  it('answers zeros, empty bins and no ratio rather than failing', async () => {
    const empty = await stats('window=300&source=all');
    expect(empty.total).toMatchObject({ requests: 0, hitRatio: null, computeSavedMs: 0 });
    expect(empty.total.latency.hit).toEqual({ count: 0, meanMs: null, p50Ms: null, p95Ms: null, p99Ms: null });
    expect(empty.window).toMatchObject({ seconds: 300, step: 5, percentileStep: 5 });
    expect(empty.throughput).toHaveLength(60);
    expect(empty.throughput.every((point) => point.hitRatio === null && point.rates.hit === 0)).toBe(true);
    expect(empty.histogram.reduce((sum, bar) => sum + bar.hit + bar.miss, 0)).toBe(0);
    expect(empty.scenarios.map((scenario) => scenario.id)).toContain('username');
  });
});

describe('GET /api/stats after a known sequence of username requests', () => {
  const name = `stats_${Date.now()}`;

  beforeAll(async () => {
    expect((await username(name)).headers.get('x-cache')).toBe('MISS');
    for (let index = 0; index < 3; index += 1) expect((await username(name)).headers.get('x-cache')).toBe('HIT');
    expect((await username(name, '?cache=bypass')).headers.get('x-cache')).toBe('BYPASS');
    await flushMetrics();
  });

  it('reports exactly what the Redis hashes hold', async () => {
    const totals = await hash(statsKeys.totals('live', 'username'));
    const histogram = await hash(statsKeys.histogram('live', 'username'));
    expect(totals).toMatchObject({ hit: 3, miss: 1, bypass: 1, hit_n: 3, miss_n: 1, bypass_n: 1, compute_n: 2 });

    const figures = (await stats()).scenarios.find((scenario) => scenario.id === 'username')?.figures;
    expect(figures).toMatchObject({ requests: 5, counts: { hit: 3, miss: 1, bypass: 1, coalesced: 0, stale: 0 }, errors: 0, hitRatio: 0.75 });
    expect(figures?.latency.hit.count).toBe(totals.hit_n);
    expect(figures?.latency.hit.meanMs).toBeCloseTo((totals.hit_ms ?? 0) / 3, 2);
    expect(figures?.latency.miss.meanMs).toBeCloseTo(totals.miss_ms ?? 0, 2);
    expect(figures?.meanComputeMs).toBeCloseTo((totals.compute_ms ?? 0) / 2, 2);
    expect(figures?.computeSavedMs).toBeCloseTo((3 * (totals.compute_ms ?? 0)) / 2, 1);
    expect(figures?.meanComputeMs).toBeGreaterThanOrEqual(35);
    // The default strategy served the four cached requests and computed once; the bypass used no strategy.
    expect(figures?.strategies).toEqual([{ strategy: 'cache-aside', requests: 4, computations: 1 }]);

    // Percentiles come from the histogram: the miss (one sample) sits in the bucket the hash says.
    const missBucket = Object.keys(histogram).find((field) => field.startsWith('miss:'));
    const bucketIndex = Number(missBucket?.split(':')[1]);
    const { BUCKET_BOUNDS_MS } = await import('@/lib/cache/histogram');
    expect(figures?.latency.miss.p99Ms).toBeLessThanOrEqual(BUCKET_BOUNDS_MS[bucketIndex] ?? Infinity);
    expect(figures?.latency.miss.p99Ms).toBeGreaterThan(BUCKET_BOUNDS_MS[bucketIndex - 1] ?? 0);
    // One sample: every percentile is that sample, exactly (the bucket's latency sum is recorded with it).
    const miss = figures?.latency.miss;
    expect(miss?.p50Ms).toBeCloseTo(miss?.meanMs ?? NaN, 2);
    expect(miss?.p99Ms).toBeCloseTo(miss?.meanMs ?? NaN, 2);
  });

  it('adds the scenario into the total, and the window series into per-second rates', async () => {
    let latest: StatsResponse | undefined;
    // The series covers complete seconds only: wait for the requests' second to close.
    await waitFor(async () => {
      latest = await stats();
      return latest.throughput.reduce((sum, point) => sum + point.rates.hit + point.rates.miss + point.rates.bypass, 0) === 5;
    }, 5000, 200);
    expect(latest?.total.counts).toMatchObject({ hit: 3, miss: 1, bypass: 1 });
    expect(latest?.histogram.reduce((sum, bar) => sum + bar.hit, 0)).toBe(3);
    expect(latest?.histogram.reduce((sum, bar) => sum + bar.miss, 0)).toBe(1);
    const withHits = latest?.percentiles.filter((point) => point.hit !== null) ?? [];
    expect(withHits.length).toBeGreaterThanOrEqual(1);
    expect(withHits[0]?.hit?.p50).toBeLessThan(withHits.find((point) => point.miss)?.miss?.p50 ?? 0);
    // The window's one miss: its percentiles in the series are exact too.
    const missPoint = latest?.percentiles.find((point) => point.miss)?.miss;
    expect(missPoint?.p99).toBeCloseTo(latest?.total.latency.miss.meanMs ?? NaN, 2);
  });

  it('filters by traffic source', async () => {
    expect((await stats('source=sim')).total.requests).toBe(0);
    expect((await stats('source=live')).total.requests).toBe(5);
  });

  it('rejects unknown parameters, unknown scenarios and windows out of range', async () => {
    for (const query of ['windw=60', 'scenario=nope', 'window=100000', 'window=abc', 'source=bots']) {
      const response = await GET(new NextRequest(`http://localhost/api/stats?${query}`), {});
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
    }
  });
});

describe('POST /api/stats/reset', () => {
  it('refuses cross-origin browsers', async () => {
    const response = await reset(new NextRequest('http://localhost/api/stats/reset', { method: 'POST', headers: { origin: 'https://evil.example' } }), {});
    expect(response.status).toBe(403);
  });

  it('deletes the metric keys and nothing else (cache entries and rate-limit budgets stay)', async () => {
    const name = `reset_${Date.now()}`;
    await username(name);
    await flushMetrics();
    const cacheEntry = `${prefix}expensive_function:${name}`;
    expect(await redis.exists(cacheEntry)).toBe(1);
    const foreign = `other-${prefix}_stats:live:totals:username`;
    await redis.set(foreign, 'not ours');

    const response = await reset(new NextRequest('http://localhost/api/stats/reset', { method: 'POST' }), {});
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { deleted: number } }).data.deleted).toBeGreaterThan(0);
    const left = await keysUnder(redis, `${prefix}_stats:`);
    // The miss charged this client's budget: a reset must not hand out a fresh one.
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((key) => !key.startsWith(`${prefix}_stats:rl:`))).toEqual([]);
    expect(await redis.exists(cacheEntry)).toBe(1);
    expect(await redis.get(foreign)).toBe('not ours');
    await redis.del(foreign);
    expect((await stats()).total.requests).toBe(0);
  });
});
