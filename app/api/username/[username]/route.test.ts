import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { flushMetrics } from '@/lib/cache';
import { statsKeys } from '@/lib/cache/keys';
import { env } from '@/lib/core/env';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { DELETE, GET } from './route';

const redis = inspector();
const call = (method: typeof GET, username: string, query = '', init: RequestInit = {}) =>
  method(new NextRequest(`http://localhost/api/username/${encodeURIComponent(username)}${query}`, init as never), {
    params: Promise.resolve({ username }),
  });

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

describe('GET /api/username/{username}', () => {
  it('misses then hits, with X-Cache, Server-Timing and the envelope', async () => {
    const miss = await call(GET, '  Grace.Hopper ');
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.headers.get('server-timing')).toMatch(/cache;desc="MISS";dur=[\d.]+, compute;dur=[\d.]+, total;dur=[\d.]+/);
    const body = await miss.json();
    expect(body).toMatchObject({
      data: { username_extended: 'grace.hopper_123' },
      cache: { status: 'miss', key: `${env.CACHE_PREFIX}expensive_function:grace.hopper`, expiryKind: 'ttl' },
    });
    expect(body.cache.ttlMs).toBeGreaterThan(24 * 3_600_000 - 1000);
    expect(body.cache.ttlMs).toBeLessThanOrEqual(24 * 3_600_000);
    expect(body.cache.computeMs).toBeGreaterThanOrEqual(env.USERNAME_DELAY_MS - 5);

    const hit = await call(GET, 'GRACE.HOPPER');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect((await hit.json()).cache).toMatchObject({ status: 'hit', computeMs: 0 });
    expect(await redis.pttl(`${env.CACHE_PREFIX}expensive_function:grace.hopper`)).toBeGreaterThan(23 * 3_600_000);

    await flushMetrics();
    expect(await redis.hmget(statsKeys.totals('live', 'username'), 'hit', 'miss')).toEqual(['1', '1']);
  });

  it('computes without the cache on ?cache=bypass', async () => {
    const response = await call(GET, 'bypassed', '?cache=bypass');
    expect(response.headers.get('x-cache')).toBe('BYPASS');
    expect(await redis.exists(`${env.CACHE_PREFIX}expensive_function:bypassed`)).toBe(0);
  });

  it.each([
    ['empty', '   ', 'invalid_input'],
    ['too long', 'x'.repeat(65), 'invalid_input'],
    ['spaces inside', 'two words', 'invalid_input'],
    ['glob characters', 'a*b?[c]', 'invalid_input'],
  ])('rejects a username that is %s with a 400', async (_case, username, code) => {
    const response = await call(GET, username);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code, message: expect.stringContaining('username') } });
  });

  it('rejects an unknown cache mode or query parameter', async () => {
    expect((await call(GET, 'ada', '?cache=maybe')).status).toBe(400);
    expect((await call(GET, 'ada', '?debug=1')).status).toBe(400);
  });

  it('accepts letters of every script', async () => {
    const response = await call(GET, 'Zoë_Ñandú-日本');
    expect(response.status).toBe(200);
    expect((await response.json()).data.username_extended).toBe('zoë_ñandú-日本_123');
  });
});

describe('DELETE /api/username/{username}', () => {
  it('invalidates the key so the next request misses', async () => {
    await call(GET, 'invalidated');
    const deleted = await call(DELETE, 'invalidated', '', { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ data: { key: `${env.CACHE_PREFIX}expensive_function:invalidated`, deleted: true } });
    expect((await call(GET, 'invalidated')).headers.get('x-cache')).toBe('MISS');
  });

  it('refuses a cross-origin request', async () => {
    const response = await call(DELETE, 'invalidated', '', { method: 'DELETE', headers: { origin: 'https://evil.example', host: 'localhost' } });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('cross_origin');
  });
});

describe('Unicode usernames: NFKC before validation and keying', () => {
  it('serves full-width "Ｍａｘｉｍ" from the entry of "maxim"', async () => {
    expect((await call(GET, 'maxim')).headers.get('x-cache')).toBe('MISS');
    const wide = await call(GET, 'Ｍａｘｉｍ');
    expect(wide.status).toBe(200);
    expect(wide.headers.get('x-cache')).toBe('HIT');
    expect((await wide.json()).cache.key).toBe(`${env.CACHE_PREFIX}expensive_function:maxim`);
  });

  it('accepts "e" + a combining acute like the precomposed "é", and both share one entry', async () => {
    const decomposed = await call(GET, 'rene\u0301');
    expect(decomposed.status).toBe(200);
    expect(decomposed.headers.get('x-cache')).toBe('MISS');
    expect((await decomposed.json()).data).toEqual({ username_extended: 'ren\u00e9_123' });
    expect((await call(GET, 'ren\u00e9')).headers.get('x-cache')).toBe('HIT');
  });
});
