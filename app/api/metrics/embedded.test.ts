import { NextRequest } from 'next/server';
import { afterAll, expect, it } from 'vitest';
import { statsKeys } from '@/lib/cache/keys';
import { plantEmbeddedStore } from '@/lib/testing/embedded';
import { GET } from './route';

const { store, restore } = plantEmbeddedStore();

afterAll(restore);

it('on the embedded store: the figures and the breaker, and no Redis memory series (it has no memory figures)', async () => {
  await store.hset(statsKeys.totals('live', 'username'), 'hit', 3);
  const response = await GET(new NextRequest('http://localhost/api/metrics'), {});
  expect(response.status).toBe(200);
  const body = await response.text();
  expect(body).toContain('cachelab_cache_requests_total{scenario="username",result="hit"} 3');
  expect(body).toMatch(/^cachelab_redis_breaker_state\{app_instance="[^"]+"\} 0$/m);
  expect(body).toMatch(/^cachelab_redis_figures_read\{app_instance="[^"]+"\} 1$/m);
  expect(body).toContain('cachelab_keylife_removals_total{reason="expired"} 0');
  expect(body).not.toContain('cachelab_redis_memory_used_bytes');
  expect(body).not.toContain('cachelab_redis_memory_max_bytes');
});
