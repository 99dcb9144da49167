import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from '@/lib/testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '@/lib/testing/redis-server';

/**
 * /api/metrics while Redis is away, on a redis-server of this test's own: the figures held in
 * Redis cannot be read, but the scrape still answers with what this process knows — its circuit
 * breaker, which is what a board needs to show exactly then.
 */
let server: OwnRedisServer;

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server, { REDIS_BREAKER_COOLDOWN_MS: '60000' });
});

afterAll(async () => {
  await server?.stop();
});

async function scrape(): Promise<string> {
  const response = await callApi({ url: '/api/metrics' });
  expect(response.status).toBe(200);
  return response.text();
}

const value = (body: string, name: string) => Number(new RegExp(`^${name}\\{app_instance="[^"]+"\\} (\\S+)$`, 'm').exec(body)?.[1]);

it('serves the breaker, open, and says the Redis figures are missing, while Redis is down', async () => {
  const up = await scrape();
  expect(value(up, 'cachelab_redis_figures_read')).toBe(1);
  expect(value(up, 'cachelab_redis_breaker_state')).toBe(0);
  expect(up).toContain('cachelab_cache_requests_total{');

  await server.stop();
  // Each failed read counts towards opening the circuit (REDIS_BREAKER_THRESHOLD 3 here).
  await waitFor(async () => value(await scrape(), 'cachelab_redis_breaker_state') === 2, 10_000, 50);
  const down = await scrape();
  expect(value(down, 'cachelab_redis_figures_read')).toBe(0);
  expect(down).not.toContain('cachelab_cache_requests_total');
  expect(down).not.toContain('cachelab_redis_memory_used_bytes');
});
