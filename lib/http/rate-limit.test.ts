import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, json } from '../testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '../testing/redis-server';

/** Our own redis-server, so one test can stop it; settings load with the route modules. */
const POINTS = 3;
let server: OwnRedisServer;
let inspect: Redis;
let prefix: string;

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server, { RATE_LIMIT_POINTS: String(POINTS), RATE_LIMIT_WINDOW_SECONDS: '60' });
  prefix = process.env.CACHE_PREFIX ?? '';
  const { inspector } = await import('../testing/redis');
  inspect = inspector(server.url);
});

afterAll(async () => {
  inspect?.disconnect();
  await server?.stop();
});

let misses = 0;
/** A lookup that computes (a name never asked before): only computations are charged. */
const lookup = (client: string, name = `rl${(misses += 1)}`) => callApi({ url: `/api/username/${name}`, headers: { 'x-forwarded-for': client } });
const invalidate = (client: string) => callApi({ method: 'DELETE', url: '/api/username/rl', headers: { 'x-forwarded-for': client } });

describe('limitRequest', () => {
  it(`lets a client make ${POINTS} requests per window, then answers 429 with Retry-After in the standard shape`, async () => {
    for (let index = 0; index < POINTS; index += 1) expect((await lookup('10.0.0.1')).status).toBe(200);
    const refused = await lookup('10.0.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await json(refused)).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining(`at most ${POINTS} every 60 s`) } });

    // Another client, and the same client's mutations, have budgets of their own.
    expect((await lookup('10.0.0.2')).status).toBe(200);
    expect((await invalidate('10.0.0.1')).status).toBe(200);
  });

  it('never charges a lookup the cache answers: hits go on after the budget is spent, computations do not', async () => {
    expect((await lookup('10.0.0.4', 'rl-hot')).headers.get('x-cache')).toBe('MISS');
    for (let index = 0; index < POINTS * 3; index += 1) {
      const hit = await lookup('10.0.0.4', 'rl-hot');
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-cache')).toBe('HIT');
    }
    for (let index = 1; index < POINTS; index += 1) expect((await lookup('10.0.0.4')).status).toBe(200);
    expect((await lookup('10.0.0.4')).status).toBe(429);
    // A bypass always computes: charged like a miss.
    expect((await callApi({ url: '/api/username/rl-hot?cache=bypass', headers: { 'x-forwarded-for': '10.0.0.4' } })).status).toBe(429);
    expect((await lookup('10.0.0.4', 'rl-hot')).status).toBe(200);
  });

  it('identifies the client by the last X-Forwarded-For entry (the one the nearest proxy added)', async () => {
    for (let index = 0; index < POINTS; index += 1) expect((await lookup(`spoofed-${index}, 10.0.0.3`)).status).toBe(200);
    expect((await lookup('another-spoof, 10.0.0.3')).status).toBe(429);
  });

  it('keeps its counters under <prefix>_stats:rl:, expiring with the window, apart from cache entries', async () => {
    const keys = await inspect.keys(`${prefix}*`);
    const limiterKeys = keys.filter((key) => key.includes(':rl:'));
    expect(limiterKeys.length).toBeGreaterThan(0);
    for (const key of limiterKeys) {
      expect(key.startsWith(`${prefix}_stats:rl:`)).toBe(true);
      expect(await inspect.ttl(key)).toBeGreaterThan(0);
      expect(await inspect.ttl(key)).toBeLessThanOrEqual(60);
    }
  });

  it('never blocks anyone because Redis is down, and still limits from memory meanwhile', async () => {
    await server.stop();
    try {
      for (let index = 0; index < POINTS; index += 1) expect((await lookup('10.0.0.9')).status).toBe(200);
      expect((await lookup('10.0.0.9')).status).toBe(429);
    } finally {
      await server.resume();
    }
    await waitFor(async () => (await lookup('10.0.0.10')).status === 200, 5000, 100);
  });
});
