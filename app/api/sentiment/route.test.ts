import { afterAll, describe, expect, it } from 'vitest';
import { flushMetrics } from '@/lib/cache';
import { env } from '@/lib/core/env';
import { inspector, keysUnder, removeUnder } from '@/lib/testing/redis';
import { apiRequest, failure } from '@/lib/testing/requests';
import { DELETE, POST } from './route';

const redis = inspector();
const prefix = env.CACHE_PREFIX;

const analyse = (body: unknown, query = '') => POST(apiRequest(`/api/sentiment${query}`, { method: 'POST', body }), {});
const forget = (body: unknown, headers: Record<string, string> = {}) => DELETE(apiRequest('/api/sentiment', { method: 'DELETE', body, headers }), {});

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  redis.disconnect();
});

describe('POST /api/sentiment', () => {
  it('runs VADER on a miss, then answers from Redis under the normalised sentence', async () => {
    const first = await analyse({ sentence: 'I love this   product, it works PERFECTLY!' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const miss = await first.json();
    expect(miss.data).toMatchObject({ label: 'positive', scores: { positive: expect.any(Number), neutral: expect.any(Number), negative: expect.any(Number) } });
    expect(miss.data.compound).toBeGreaterThan(0.5);
    expect(miss.cache).toMatchObject({ status: 'miss', key: `${prefix}sentiment:i love this product, it works perfectly!`, expiryKind: 'ttl' });
    expect(miss.cache.computeMs).toBeGreaterThanOrEqual(env.SENTIMENT_DELAY_MS - 1);

    const second = await analyse({ sentence: '  i love this product, it works perfectly! ' });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('server-timing')).toMatch(/cache;desc="HIT";dur=[\d.]+, compute;dur=0, total;dur=[\d.]+/);
    const hit = await second.json();
    expect(hit.data).toEqual(miss.data);
    expect(hit.cache).toMatchObject({ status: 'hit', key: miss.cache.key, computeMs: 0 });
  });

  it('keeps an entry for SENTIMENT_TTL_HOURS', async () => {
    const response = await (await analyse({ sentence: 'The package arrived on Tuesday.' })).json();
    const lifetime = env.SENTIMENT_TTL_HOURS * 3_600_000;
    expect(response.data.label).toBe('neutral');
    expect(response.cache.ttlMs).toBeGreaterThan(lifetime - 5000);
    expect(response.cache.ttlMs).toBeLessThanOrEqual(lifetime);
    expect(await redis.pttl(response.cache.key)).toBeGreaterThan(lifetime - 5000);
  });

  it('reads negative sentences as negative and accepts emoji and every script', async () => {
    const negative = await (await analyse({ sentence: 'Terrible quality, it broke after two days.' })).json();
    expect(negative.data.label).toBe('negative');
    const emoji = await analyse({ sentence: 'Ça marche 😍 とても良い' });
    expect(emoji.status).toBe(200);
    expect((await emoji.json()).cache.key).toBe(`${prefix}sentiment:ça marche 😍 とても良い`);
  });

  it('computes without the cache on ?cache=bypass', async () => {
    const response = await analyse({ sentence: 'bypass me, please' }, '?cache=bypass');
    expect(response.headers.get('x-cache')).toBe('BYPASS');
    expect(await redis.exists(`${prefix}sentiment:bypass me, please`)).toBe(0);
  });

  it.each([
    [{ sentence: 'bell\u0007 inside' }, 400, 'sentence_control_characters'],
    [{ sentence: 'nul\u0000' }, 400, 'sentence_control_characters'],
    [{ sentence: ' \n\t ' }, 400, 'sentence_empty'],
    [{ sentence: 42 }, 400, 'invalid_input'],
    [{}, 400, 'invalid_input'],
    [['a sentence'], 400, 'invalid_input'],
    [{ sentence: 'fine', mood: 'happy' }, 400, 'invalid_input'],
    [{ sentence: 'x'.repeat(1001) }, 413, 'sentence_too_long'],
    ['{"sentence":', 400, 'invalid_json'],
  ])('refuses %j with %i %s', async (body, status, code) => {
    expect(await failure(await analyse(body))).toMatchObject({ status, code });
  });

  it('accepts exactly 1000 characters, counting an emoji as one', async () => {
    expect((await analyse({ sentence: '😀'.repeat(1000) })).status).toBe(200);
    expect((await analyse({ sentence: '😀'.repeat(1001) })).status).toBe(413);
  });

  it('writes nothing for a refused sentence', async () => {
    const before = await keysUnder(redis, `${prefix}sentiment:`);
    await analyse({ sentence: 'bad\u001b[31m' });
    expect(await keysUnder(redis, `${prefix}sentiment:`)).toEqual(before);
  });
});

describe('DELETE /api/sentiment', () => {
  it('invalidates a sentence by its normalised key, so the next request misses', async () => {
    await analyse({ sentence: 'Great value for the price.' });
    const deleted = await (await forget({ sentence: 'GREAT value for the price.  ' })).json();
    expect(deleted.data).toEqual({ key: `${prefix}sentiment:great value for the price.`, deleted: true });
    expect((await forget({ sentence: 'great value for the price.' }).then((response) => response.json())).data.deleted).toBe(false);
    expect((await analyse({ sentence: 'Great value for the price.' })).headers.get('x-cache')).toBe('MISS');
  });

  it('refuses cross-origin requests and bad sentences', async () => {
    expect(await failure(await forget({ sentence: 'hello' }, { origin: 'https://evil.example', host: 'localhost' }))).toMatchObject({ status: 403 });
    expect(await failure(await forget({ sentence: '' }))).toMatchObject({ status: 400, code: 'sentence_empty' });
  });
});
