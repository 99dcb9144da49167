import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { env } from '../core/env';
import { inspector, keysUnder, removeUnder } from '../testing/redis';
import { cached, flushMetrics, invalidate, type CachedOptions } from './index';
import { statsKeys } from './keys';

const redis = inspector();
const prefix = env.CACHE_PREFIX;
const isGreeting = (value: unknown): value is { greeting: string } => z.object({ greeting: z.string() }).safeParse(value).success;

let computations = 0;
let scenario = 'engine';
function greet(name: string, delayMs = 30) {
  return async () => {
    computations += 1;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { greeting: `hello ${name}` };
  };
}
const lookup = (key: string, extra: Partial<CachedOptions<{ greeting: string }>> = {}) =>
  cached({ scenario, key: `greet:${key}`, expiry: { ttlMs: 60_000 }, compute: greet(key), isValue: isGreeting, ...extra });

async function totals() {
  await flushMetrics();
  const raw = await redis.hgetall(statsKeys.totals('live', scenario));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

beforeEach(() => {
  computations = 0;
  scenario = `engine-${Math.random().toString(36).slice(2, 8)}`;
});

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  expect(await keysUnder(redis, prefix)).toEqual([]);
  redis.disconnect();
});

describe('cache-aside', () => {
  it('misses, stores the value with its TTL, then hits without computing', async () => {
    const first = await lookup('ada');
    expect(first).toMatchObject({ status: 'miss', value: { greeting: 'hello ada' }, key: `${prefix}greet:ada`, expiryKind: 'ttl' });
    expect(first.computeMs).toBeGreaterThanOrEqual(25);
    expect(first.ttlMs).toBeGreaterThan(59_000);

    const stored = JSON.parse((await redis.get(`${prefix}greet:ada`)) ?? 'null');
    expect(stored).toMatchObject({ cachelab: 2, v: { greeting: 'hello ada' }, expiry: 'ttl' });
    expect(await redis.pttl(`${prefix}greet:ada`)).toBeGreaterThan(59_000);

    const second = await lookup('ada');
    expect(second).toMatchObject({ status: 'hit', value: { greeting: 'hello ada' }, computeMs: 0 });
    expect(second.latencyMs).toBeLessThan(first.latencyMs);
    expect(computations).toBe(1);
    expect(await totals()).toMatchObject({ hit: 1, miss: 1, hit_n: 1, miss_n: 1, compute_n: 1 });
  });

  it('reports the TTL counting down', async () => {
    await lookup('countdown');
    const early = (await lookup('countdown')).ttlMs ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 120));
    const later = (await lookup('countdown')).ttlMs ?? 0;
    expect(later).toBeLessThan(early);
    expect(early - later).toBeGreaterThanOrEqual(100);
  });

  it('expires at an absolute time', async () => {
    const expireAt = Date.now() + 300;
    const first = await lookup('absolute', { expiry: { expireAt } });
    expect(first.expiryKind).toBe('absolute');
    expect(first.ttlMs).toBeLessThanOrEqual(300);
    expect(Math.abs((first.expiresAt ?? 0) - expireAt)).toBeLessThan(50);
    expect((await lookup('absolute', { expiry: { expireAt } })).status).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await redis.exists(`${prefix}greet:absolute`)).toBe(0);
    expect((await lookup('absolute', { expiry: { expireAt: Date.now() + 1000 } })).status).toBe('miss');
  });

  it('bypass neither reads nor writes the cache, and is counted', async () => {
    await lookup('bypassed');
    const result = await lookup('bypassed', { mode: 'bypass' });
    expect(result).toMatchObject({ status: 'bypass', ttlMs: null, expiresAt: null });
    expect(computations).toBe(2);
    await invalidate('greet:bypassed');
    await lookup('fresh', { mode: 'bypass' });
    expect(await redis.exists(`${prefix}greet:fresh`)).toBe(0);
    expect(await totals()).toMatchObject({ miss: 1, bypass: 2 });
  });

  it('invalidate deletes the entry so the next lookup misses', async () => {
    await lookup('gone');
    expect(await invalidate('greet:gone')).toBe(true);
    expect(await invalidate('greet:gone')).toBe(false);
    expect((await lookup('gone')).status).toBe('miss');
  });

  it('coalesces concurrent misses of one key into one computation', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => lookup('crowd')));
    expect(computations).toBe(1);
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'coalesced')).toHaveLength(19);
    expect(new Set(results.map((result) => result.value.greeting))).toEqual(new Set(['hello crowd']));
    expect(await totals()).toMatchObject({ miss: 1, coalesced: 19 });
  });

  it('admits a computation only when it runs: never on a hit, and a refused leader leaves its joiners their own answer', async () => {
    const refused = new Error('over budget');
    let admitted = 0;
    const leader = lookup('budget', { admit: () => Promise.reject(refused) });
    const joiner = lookup('budget', { admit: async () => void (admitted += 1) });
    await expect(leader).rejects.toBe(refused);
    const answered = await joiner;
    expect(answered).toMatchObject({ status: 'miss', value: { greeting: 'hello budget' } });
    expect({ admitted, computations }).toEqual({ admitted: 1, computations: 1 });

    expect((await lookup('budget', { admit: () => Promise.reject(refused) })).status).toBe('hit');
    await expect(lookup('budget', { mode: 'bypass', admit: () => Promise.reject(refused) })).rejects.toBe(refused);
    // The refused leader is not a request in the figures: one miss, one hit.
    expect(await totals()).toMatchObject({ miss: 1, hit: 1 });
    expect((await totals()).error ?? 0).toBe(0);
  });

  it('keeps counters exact under 200 concurrent requests', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => lookup(names[index % names.length] ?? 'a')));
    const byStatus = (status: string) => results.filter((result) => result.status === status).length;
    const counts = await totals();
    expect(counts.hit ?? 0).toBe(byStatus('hit'));
    expect(counts.miss).toBe(byStatus('miss'));
    expect(counts.coalesced ?? 0).toBe(byStatus('coalesced'));
    expect((counts.hit ?? 0) + (counts.miss ?? 0) + (counts.coalesced ?? 0)).toBe(200);
    expect(counts.miss).toBe(5);
    expect(computations).toBe(5);

    const more = await Promise.all(Array.from({ length: 200 }, (_, index) => lookup(names[index % names.length] ?? 'a')));
    expect(more.every((result) => result.status === 'hit')).toBe(true);
    const after = await totals();
    expect((after.hit ?? 0) + (after.miss ?? 0) + (after.coalesced ?? 0)).toBe(400);
    expect(after.hit_n).toBe(after.hit);
  });

  it('treats a foreign or corrupt value as a miss, replaces it and counts an error', async () => {
    await redis.set(`${prefix}greet:corrupt`, 'not json at all', 'PX', 60_000);
    await redis.hset(`${prefix}greet:foreign`, 'field', 'value');
    await redis.set(`${prefix}greet:wrongshape`, JSON.stringify({ cachelab: 1, v: { nope: 1 }, storedAt: 1, computeMs: 1, expiry: 'ttl' }));
    for (const name of ['corrupt', 'foreign', 'wrongshape']) {
      expect((await lookup(name)).status).toBe('miss');
      expect((await lookup(name)).status).toBe('hit');
    }
    expect(await totals()).toMatchObject({ hit: 3, miss: 3, error: 3 });
  });

  it('counts a failing computation as a miss and an error, and caches nothing', async () => {
    const failing = () => Promise.reject(new Error('upstream down'));
    await expect(lookup('broken', { compute: failing })).rejects.toThrow('upstream down');
    expect(await redis.exists(`${prefix}greet:broken`)).toBe(0);
    expect(await totals()).toMatchObject({ miss: 1, error: 1 });
  });

  it('records latency histograms, per-second series and recent events', async () => {
    await lookup('charted');
    await lookup('charted');
    await flushMetrics();
    const histogram = await redis.hgetall(statsKeys.histogram('live', scenario));
    const sum = (prefixText: string, hash: Record<string, string>) =>
      Object.entries(hash).filter(([field]) => field.startsWith(prefixText) && !field.endsWith(':ms')).reduce((total, [, count]) => total + Number(count), 0);
    expect(sum('hit:', histogram)).toBe(1);
    expect(sum('miss:', histogram)).toBe(1);
    // Each bucket also keeps its latency sum: with one sample, the sample itself.
    const missBucket = Object.keys(histogram).find((field) => /^miss:\d+$/.test(field));
    expect(Number(histogram[`${missBucket}:ms`])).toBeGreaterThan(0);
    const minute = Math.floor(Date.now() / 60_000);
    const series = { ...(await redis.hgetall(statsKeys.series('live', scenario, minute - 1))), ...(await redis.hgetall(statsKeys.series('live', scenario, minute))) };
    expect(Object.entries(series).filter(([field]) => /^\d+:(hit|miss)$/.test(field)).reduce((total, [, count]) => total + Number(count), 0)).toBe(2);
    expect(await redis.ttl(statsKeys.series('live', scenario, minute))).toBeGreaterThan(0);
    const events = await redis.xrevrange(statsKeys.events(), '+', '-', 'COUNT', 2);
    expect(events.map(([, fields]) => fields[fields.indexOf('status') + 1])).toEqual(['hit', 'miss']);
  });
});
