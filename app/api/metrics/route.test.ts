import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getUsername } from '@/app/api/username/[username]/route';
import { flushMetrics } from '@/lib/cache';
import { invalidationField } from '@/lib/cache/fields';
import { statsKeys } from '@/lib/cache/keys';
import { env } from '@/lib/core/env';
import { countRemoval } from '@/lib/features/keylife/removals';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { NEAR_RATE_WINDOW_SECONDS } from '@/lib/server/prometheus';
import { GET } from './route';

const redis = inspector();
const name = `prom_${Date.now()}`;
const username = (query = '') => getUsername(new NextRequest(`http://localhost/api/username/${name}${query}`), { params: Promise.resolve({ username: name }) });

let body = '';
let contentType = '';

beforeAll(async () => {
  await username();
  await username();
  await username();
  await username('?cache=bypass');
  await flushMetrics();
  // What the key-life subscriber and the near cache's listener write, as they write it.
  await countRemoval(redis, 'expired');
  await countRemoval(redis, 'expired');
  await countRemoval(redis, 'evicted');
  const second = Math.floor(Date.now() / 1000) - 2;
  await redis.hincrby(statsKeys.nearInvalidations(Math.floor(second / 60)), invalidationField(second), 5);
  await redis.hincrby(statsKeys.nearInvalidations(Math.floor((second - 60) / 60)), invalidationField(second - 60), 7);
  const response = await GET(new NextRequest('http://localhost/api/metrics'), {});
  expect(response.status).toBe(200);
  contentType = response.headers.get('content-type') ?? '';
  body = await response.text();
});

afterAll(async () => {
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

const sample = (line: string) => {
  const found = body.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('GET /api/metrics', () => {
  it('speaks the Prometheus text format', () => {
    expect(contentType).toContain('text/plain');
    expect(contentType).toContain('version=0.0.4');
    expect(body).toContain('# TYPE cachelab_cache_requests_total counter');
    expect(body).toContain('# TYPE cachelab_cache_lookup_duration_seconds histogram');
    expect(body).toContain('# TYPE cachelab_compute_duration_seconds histogram');
  });

  it('counts requests by scenario and result, as the Redis hashes hold them', async () => {
    const totals = await redis.hgetall(statsKeys.totals('live', 'username'));
    expect(sample('cachelab_cache_requests_total{scenario="username",result="hit"}')).toBe(Number(totals.hit));
    expect(sample('cachelab_cache_requests_total{scenario="username",result="hit"}')).toBe(2);
    expect(sample('cachelab_cache_requests_total{scenario="username",result="miss"}')).toBe(1);
    expect(sample('cachelab_cache_requests_total{scenario="username",result="bypass"}')).toBe(1);
    expect(sample('cachelab_cache_requests_total{scenario="username",result="coalesced"}')).toBe(0);
  });

  it('exposes cumulative latency histograms in seconds, with +Inf equal to the count', async () => {
    const labels = 'scenario="username",result="hit"';
    const buckets = body.split('\n').filter((line) => line.startsWith(`cachelab_cache_lookup_duration_seconds_bucket{${labels}`));
    expect(buckets).toHaveLength(18);
    const counts = buckets.map((line) => Number(line.split(' ').at(-1)));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(sample(`cachelab_cache_lookup_duration_seconds_bucket{${labels},le="+Inf"}`)).toBe(2);
    expect(sample(`cachelab_cache_lookup_duration_seconds_count{${labels}}`)).toBe(2);
    const totals = await redis.hgetall(statsKeys.totals('live', 'username'));
    expect(sample(`cachelab_cache_lookup_duration_seconds_sum{${labels}}`)).toBeCloseTo(Number(totals.hit_ms) / 1000, 6);
    expect(body).toContain(`cachelab_cache_lookup_duration_seconds_bucket{${labels},le="0.00005"}`);
    expect(body).toContain(`cachelab_cache_lookup_duration_seconds_bucket{${labels},le="10"}`);
  });

  it('exposes the compute time of misses and bypasses', () => {
    expect(sample('cachelab_compute_duration_seconds_count{scenario="username"}')).toBe(2);
    // USERNAME_DELAY_MS is 40 in tests: both computations land above 25 ms and at most 50 ms.
    expect(sample('cachelab_compute_duration_seconds_bucket{scenario="username",le="0.025"}')).toBe(0);
    expect(sample('cachelab_compute_duration_seconds_bucket{scenario="username",le="0.1"}')).toBe(2);
  });

  it('never labels a series with a cache key', () => {
    expect(body).not.toContain(name);
    expect(body).not.toContain('expensive_function');
  });

  it('takes no parameters', async () => {
    expect((await GET(new NextRequest('http://localhost/api/metrics?format=json'), {})).status).toBe(400);
  });
});

describe('GET /api/metrics, the figures the Grafana board needs', () => {
  it('reports the breaker of this process, labelled by instance (0 = closed)', () => {
    const line = body.split('\n').find((candidate) => candidate.startsWith('cachelab_redis_breaker_state{'));
    expect(line).toMatch(/^cachelab_redis_breaker_state\{app_instance="[^"]+:\d+"\} 0$/);
    expect(body).toMatch(/^cachelab_redis_figures_read\{app_instance="[^"]+"\} 1$/m);
  });

  it('reports Redis memory as INFO does', async () => {
    const used = sample('cachelab_redis_memory_used_bytes');
    expect(used).toBeGreaterThan(0);
    const max = Number(/maxmemory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    expect(sample('cachelab_redis_memory_max_bytes')).toBe(max);
  });

  it('counts the removals the key-life stream kept, by reason', () => {
    expect(sample('cachelab_keylife_removals_total{reason="expired"}')).toBe(2);
    expect(sample('cachelab_keylife_removals_total{reason="evicted"}')).toBe(1);
  });

  it('averages near invalidations over the last complete seconds only', () => {
    // 5 two seconds ago count; the 7 of a minute before are outside the window.
    expect(sample('cachelab_near_invalidations_per_second')).toBeCloseTo(5 / NEAR_RATE_WINDOW_SECONDS, 6);
  });
});
