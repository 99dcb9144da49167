import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '@/lib/testing/redis-server';

/**
 * REDIS_URL points at a Redis that is not running yet when the app loads: the app must
 * start, serve uncached, and connect by itself when Redis appears (its own file, because
 * the client is created once per process).
 */
let server: OwnRedisServer;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  server = await OwnRedisServer.reserve();
  await pointAppAt(server);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await server?.stop();
});

const status = async (name: string) => {
  const response = await callApi({ url: `/api/username/${name}` });
  expect(response.status).toBe(200);
  return ((await json(response)) as { cache: { status: string } }).cache.status;
};

it('starts with Redis down, serves uncached, and connects when Redis appears', async () => {
  const health = await callApi({ url: '/api/health' });
  expect(health.status).toBe(503);
  expect(await json(health)).toMatchObject({ status: 'degraded', backend: 'redis', redis: { connected: false } });

  expect(await status('early')).toBe('bypass'); // loads the route module: not timed
  for (let index = 0; index < 3; index += 1) {
    const started = performance.now();
    expect(await status('early')).toBe('bypass');
    expect(performance.now() - started).toBeLessThan(1000);
  }

  await server.resume();
  await waitFor(async () => (await callApi({ url: '/api/health' })).status === 200, 8000, 100);
  await waitFor(async () => (await status('early')) === 'hit', 5000, 100);
  expect(rejections).toEqual([]);
});
