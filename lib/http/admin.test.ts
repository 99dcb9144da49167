import * as crypto from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { callApi, json, ORIGIN } from '../testing/api';
import { inspector, removeUnder } from '../testing/redis';
import { requireAdmin } from './admin';
import { ApiError } from './errors';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const TOKEN = 'a-long-admin-token-0123456789';
const request = (headers: Record<string, string>) =>
  new NextRequest('http://internal:3000/api/username/alice', { method: 'DELETE', headers: { host: 'internal:3000', ...headers } });

function refusal(headers: Record<string, string>, token?: string): [number, string] | 'allowed' {
  try {
    requireAdmin(request(headers), token);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [error.status, error.code];
  }
}

describe('requireAdmin: same origin', () => {
  it('refuses a cross-origin browser, even with the right token', () => {
    expect(refusal({ origin: 'https://evil.example' })).toEqual([403, 'cross_origin']);
    expect(refusal({ origin: 'https://evil.example', 'x-admin-token': TOKEN }, TOKEN)).toEqual([403, 'cross_origin']);
    expect(refusal({ origin: 'http://internal:3001' })).toEqual([403, 'cross_origin']);
    expect(refusal({ 'sec-fetch-site': 'cross-site' })).toEqual([403, 'cross_origin']);
  });

  it('allows the page itself, a proxy-forwarded host, and tools that send no Origin', () => {
    expect(refusal({ origin: 'http://internal:3000' })).toBe('allowed');
    expect(refusal({ origin: 'http://INTERNAL:3000' })).toBe('allowed');
    expect(refusal({ origin: 'http://internal:3000', host: 'Internal:3000' })).toBe('allowed');
    expect(refusal({ origin: 'https://lab.example', 'x-forwarded-host': 'lab.example' })).toBe('allowed');
    expect(refusal({ 'sec-fetch-site': 'same-origin' })).toBe('allowed');
    expect(refusal({})).toBe('allowed');
  });
});

describe('requireAdmin: ADMIN_TOKEN', () => {
  it('is required when set, from x-admin-token or a bearer header', () => {
    expect(refusal({}, TOKEN)).toEqual([401, 'admin_token_required']);
    expect(refusal({ 'x-admin-token': 'guess' }, TOKEN)).toEqual([401, 'admin_token_required']);
    expect(refusal({ 'x-admin-token': TOKEN.slice(0, -1) }, TOKEN)).toEqual([401, 'admin_token_required']);
    expect(refusal({ 'x-admin-token': TOKEN }, TOKEN)).toBe('allowed');
    expect(refusal({ authorization: `Bearer ${TOKEN}` }, TOKEN)).toBe('allowed');
  });

  it('compares in constant time: equal-length digests, whatever the guess', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    refusal({ 'x-admin-token': 'x' }, TOKEN);
    refusal({ 'x-admin-token': TOKEN.repeat(10) }, TOKEN);
    expect(compare).toHaveBeenCalledTimes(2);
    for (const [presented, expected] of compare.mock.calls) {
      expect((presented as Buffer).length).toBe(32);
      expect((expected as Buffer).length).toBe(32);
    }
  });
});

describe('the check lives in the route handler', () => {
  const redis = inspector();
  const prefix = process.env.CACHE_PREFIX ?? '';
  afterAll(async () => {
    await removeUnder(redis, prefix);
    redis.disconnect();
  });

  it('so a forged x-middleware-subrequest header bypasses nothing, and the page itself may still invalidate', async () => {
    expect((await callApi({ url: '/api/username/alice' })).status).toBe(200);
    const forged = await callApi({
      method: 'DELETE',
      url: '/api/username/alice',
      headers: { origin: 'https://evil.example', 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    });
    expect(forged.status).toBe(403);
    expect(await redis.exists(`${prefix}expensive_function:alice`)).toBe(1);

    const own = await callApi({ method: 'DELETE', url: '/api/username/alice', headers: { origin: ORIGIN } });
    expect(own.status).toBe(200);
    expect(await json(own)).toEqual({ data: { key: `${prefix}expensive_function:alice`, deleted: true } });
    expect(await redis.exists(`${prefix}expensive_function:alice`)).toBe(0);
  });
});
