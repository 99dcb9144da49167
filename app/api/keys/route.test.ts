import { NextRequest } from 'next/server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { encodeEnvelope } from '@/lib/cache/envelope';
import { statsKeys } from '@/lib/cache/keys';
import type { KeyInfo, KeyPage, KeyValue } from '@/lib/contracts/dashboard';
import { env } from '@/lib/core/env';
import { inspector, keysUnder, removeUnder } from '@/lib/testing/redis';
import { DELETE as flushScenario } from '../scenarios/[scenario]/cache/route';
import { DELETE, GET } from './route';
import { GET as getValue } from './value/route';

const redis = inspector();
const prefix = env.CACHE_PREFIX;
const outsider = `other-${prefix}expensive_function:outsider`;

const entry = (value: unknown, expiry: 'ttl' | 'absolute' = 'ttl', storedAt = Date.now()) => encodeEnvelope(value, { storedAt, computeMs: 12, expiry });
const seed = (readableKey: string, value: unknown = { username_extended: 'x' }, ttlMs = 60_000) =>
  redis.set(`${prefix}${readableKey}`, entry(value), 'PX', ttlMs);

async function page(query: string): Promise<KeyPage> {
  const response = await GET(new NextRequest(`http://localhost/api/keys?${query}`), {});
  expect(response.status, query).toBe(200);
  return ((await response.json()) as { data: KeyPage }).data;
}

async function walk(query: string): Promise<KeyInfo[]> {
  const found: KeyInfo[] = [];
  let cursor = '0';
  do {
    const next = await page(`${query}&cursor=${cursor}`);
    found.push(...next.keys);
    cursor = next.cursor;
  } while (cursor !== '0');
  return found;
}

const readable = (keys: KeyInfo[]) => keys.map((key) => key.readableKey).sort();
const sameOrigin = { headers: { origin: 'http://localhost', host: 'localhost' } };

afterEach(async () => {
  await removeUnder(redis, prefix);
});

afterAll(async () => {
  await redis.del(outsider);
  redis.disconnect();
});

describe('GET /api/keys', () => {
  it('lists cache entries with size, expiry kind and TTL, never metric keys or keys outside the prefix', async () => {
    const storedAt = Date.now() - 10_000;
    await redis.set(`${prefix}expensive_function:ada`, entry({ username_extended: 'ada_123' }, 'ttl', storedAt), 'PX', 50_000);
    await redis.set(`${prefix}expensive_function:midnight`, entry({ username_extended: 'm' }, 'absolute'), 'PXAT', Date.now() + 3_600_000);
    await redis.hset(statsKeys.totals('live', 'username'), 'hit', 1);
    await redis.set(outsider, entry({ username_extended: 'no' }));

    const keys = await walk('');
    expect(readable(keys)).toEqual(['expensive_function:ada', 'expensive_function:midnight']);
    const ada = keys.find((key) => key.readableKey === 'expensive_function:ada');
    expect(ada).toMatchObject({ key: `${prefix}expensive_function:ada`, scenario: 'username', type: 'string', expiry: 'ttl' });
    expect(ada?.sizeBytes).toBe(Buffer.byteLength(await redis.get(`${prefix}expensive_function:ada`) ?? ''));
    expect(ada?.ttlMs).toBeGreaterThan(45_000);
    expect(ada?.ttlMs).toBeLessThanOrEqual(50_000);
    // Written 10 s ago with 50 s left: it was written for about a minute.
    expect(ada?.lifetimeMs).toBeGreaterThan(58_000);
    expect(ada?.lifetimeMs).toBeLessThan(62_000);
    expect(keys.find((key) => key.readableKey.endsWith('midnight'))?.expiry).toBe('absolute');
  });

  it("leaves Next's own cache entries to /next-cache", async () => {
    await seed('expensive_function:beside_next');
    await redis.set(`${prefix}_next:e:page:digest`, '{"kind":"page"}\nbody', 'PX', 60_000);
    expect(readable(await walk(''))).toEqual(['expensive_function:beside_next']);
  });

  it('shows foreign values under the prefix for what they are', async () => {
    await redis.set(`${prefix}expensive_function:plain`, 'not an envelope');
    await redis.hset(`${prefix}expensive_function:hash`, 'a', '1');
    const keys = await walk('');
    expect(keys.find((key) => key.readableKey.endsWith('plain'))).toMatchObject({ type: 'string', expiry: null, ttlMs: null, lifetimeMs: null });
    expect(keys.find((key) => key.readableKey.endsWith('hash'))).toMatchObject({ type: 'other', sizeBytes: null });
  });

  it('matches filter text literally: *, ?, [a] and \\ are not patterns', async () => {
    const names = ['a*b', 'axb', 'a?b', 'a[a]b', 'aab', 'a\\b', 'a\\\\b'];
    for (const name of names) await seed(`expensive_function:${name}`);
    const filtered = async (text: string) => readable(await walk(`match=${encodeURIComponent(text)}`));
    expect(await filtered('*')).toEqual(['expensive_function:a*b']);
    expect(await filtered('?')).toEqual(['expensive_function:a?b']);
    expect(await filtered('[a]')).toEqual(['expensive_function:a[a]b']);
    expect(await filtered('\\')).toEqual(['expensive_function:a\\\\b', 'expensive_function:a\\b']);
    expect(await filtered('a\\b')).toEqual(['expensive_function:a\\b']);
    expect(await filtered('ab')).toEqual(['expensive_function:aab']);
  });

  it('filters by scenario namespace', async () => {
    await seed('expensive_function:ada');
    await seed('someone_else:ada');
    expect(readable(await walk('scenario=username'))).toEqual(['expensive_function:ada']);
    expect(readable(await walk('scenario=username&match=ada'))).toEqual(['expensive_function:ada']);
    expect(readable(await walk(''))).toEqual(['expensive_function:ada', 'someone_else:ada']);
    expect((await walk('')).find((key) => key.readableKey.startsWith('someone_else'))?.scenario).toBeNull();
  });

  it('pages with a cursor: each page is one bounded walk, and the pages together hold every key once', async () => {
    const pipeline = redis.pipeline();
    for (let index = 0; index < 180; index += 1) pipeline.set(`${prefix}expensive_function:user${index}`, entry({ username_extended: `u${index}` }), 'PX', 60_000);
    await pipeline.exec();

    const first = await page('cursor=0');
    expect(first.scanCalls).toBeLessThanOrEqual(env.KEYS_SCAN_MAX_CALLS);
    expect(first.keys.length).toBeGreaterThan(0);
    const all = await walk('');
    expect(new Set(readable(all)).size).toBe(180);
  });

  it('rejects unknown parameters, unknown scenarios and malformed cursors', async () => {
    for (const query of ['pattern=*', 'scenario=nope', 'cursor=abc', 'cursor=-1', `match=${'x'.repeat(201)}`]) {
      const response = await GET(new NextRequest(`http://localhost/api/keys?${query}`), {});
      expect(response.status, query).toBe(400);
    }
  });
});

describe('GET /api/keys/value', () => {
  const value = (key: string) => getValue(new NextRequest(`http://localhost/api/keys/value?key=${encodeURIComponent(key)}`), {});

  it('returns the stored envelope as JSON', async () => {
    await seed('expensive_function:ada', { username_extended: 'ada_123' });
    const response = await value(`${prefix}expensive_function:ada`);
    expect(response.status).toBe(200);
    const body = ((await response.json()) as { data: KeyValue }).data;
    expect(body).toMatchObject({ type: 'string', truncated: false, value: { cachelab: 2, v: { username_extended: 'ada_123' }, expiry: 'ttl' } });
    expect(body.ttlMs).toBeGreaterThan(50_000);
  });

  it('can never read a key outside the prefix or a metric key', async () => {
    await redis.set(outsider, 'secret');
    await redis.hset(statsKeys.totals('live', 'username'), 'hit', 1);
    for (const key of [outsider, prefix.slice(0, -1), prefix, statsKeys.totals('live', 'username'), statsKeys.events()]) {
      const response = await value(key);
      expect(response.status, key).toBe(403);
      expect(JSON.stringify(await response.json())).not.toContain('secret');
    }
  });

  it('answers 404 for a key that is gone', async () => {
    expect((await value(`${prefix}expensive_function:ghost`)).status).toBe(404);
  });
});

describe('DELETE /api/keys', () => {
  const remove = (key: string, init = sameOrigin) => DELETE(new NextRequest(`http://localhost/api/keys?key=${encodeURIComponent(key)}`, { method: 'DELETE', ...init }), {});

  it('invalidates one entry', async () => {
    await seed('expensive_function:ada');
    const response = await remove(`${prefix}expensive_function:ada`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { key: `${prefix}expensive_function:ada`, deleted: true } });
    expect(await redis.exists(`${prefix}expensive_function:ada`)).toBe(0);
    expect(((await (await remove(`${prefix}expensive_function:ada`)).json()) as { data: { deleted: boolean } }).data.deleted).toBe(false);
  });

  it('can never delete a key outside the prefix or a metric key', async () => {
    await redis.set(outsider, 'keep me');
    await redis.hset(statsKeys.totals('live', 'username'), 'hit', 1);
    for (const key of [outsider, statsKeys.totals('live', 'username')]) expect((await remove(key)).status, key).toBe(403);
    expect(await redis.get(outsider)).toBe('keep me');
    expect(await redis.hget(statsKeys.totals('live', 'username'), 'hit')).toBe('1');
  });

  it('refuses cross-origin requests', async () => {
    await seed('expensive_function:ada');
    expect((await remove(`${prefix}expensive_function:ada`, { headers: { origin: 'https://evil.example', host: 'localhost' } })).status).toBe(403);
    expect(await redis.exists(`${prefix}expensive_function:ada`)).toBe(1);
  });
});

describe('DELETE /api/scenarios/{scenario}/cache', () => {
  const flush = (scenario: string, init = sameOrigin) =>
    flushScenario(new NextRequest(`http://localhost/api/scenarios/${scenario}/cache`, { method: 'DELETE', ...init }), { params: Promise.resolve({ scenario }) });

  it("deletes that scenario's entries only: not other namespaces, not metrics, not outside the prefix", async () => {
    for (let index = 0; index < 30; index += 1) await seed(`expensive_function:user${index}`);
    await seed('someone_else:ada');
    await redis.hset(statsKeys.totals('live', 'username'), 'hit', 1);
    await redis.set(outsider, 'keep me');

    const response = await flush('username');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { scenario: 'username', deleted: 30 } });
    expect((await keysUnder(redis, `${prefix}expensive_function:`)).length).toBe(0);
    expect(await redis.exists(`${prefix}someone_else:ada`)).toBe(1);
    expect(await redis.exists(statsKeys.totals('live', 'username'))).toBe(1);
    expect(await redis.get(outsider)).toBe('keep me');
  });

  it('answers 404 for an unknown scenario and 403 cross-origin', async () => {
    expect((await flush('nope')).status).toBe(404);
    await seed('expensive_function:ada');
    expect((await flush('username', { headers: { origin: 'https://evil.example', host: 'localhost' } })).status).toBe(403);
    expect(await redis.exists(`${prefix}expensive_function:ada`)).toBe(1);
  });
});
