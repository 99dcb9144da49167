import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { cached, flushMetrics } from '@/lib/cache';
import type { RecentEvent } from '@/lib/contracts/dashboard';
import { env } from '@/lib/core/env';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { GET } from './route';

const redis = inspector();
const isText = (value: unknown): value is string => typeof value === 'string';
const request = (key: string, source: 'live' | 'sim' = 'live') =>
  cached({ scenario: 'username', key: `expensive_function:${key}`, expiry: { ttlMs: 60_000 }, compute: async () => key, isValue: isText, source });

async function events(query = ''): Promise<RecentEvent[]> {
  const response = await GET(new NextRequest(`http://localhost/api/events${query}`), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: RecentEvent[] }).data;
}

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

describe('GET /api/events', () => {
  it('is empty before anything happened', async () => {
    expect(await events()).toEqual([]);
  });

  it('lists the newest operations first, with time, scenario, key, status and latency', async () => {
    await request('ada');
    await request('ada');
    await request('bob', 'sim');
    await flushMetrics();
    const recent = await events();
    expect(recent.map((event) => [event.key, event.status, event.source])).toEqual([
      [`${env.CACHE_PREFIX}expensive_function:bob`, 'miss', 'sim'],
      [`${env.CACHE_PREFIX}expensive_function:ada`, 'hit', 'live'],
      [`${env.CACHE_PREFIX}expensive_function:ada`, 'miss', 'live'],
    ]);
    expect(recent[0]).toMatchObject({ scenario: 'username' });
    expect(Math.abs((recent[0]?.t ?? 0) - Date.now())).toBeLessThan(10_000);
    expect(recent[1]?.ms).toBeGreaterThan(0);
  });

  it('honours count and source, and keeps only the last 100', async () => {
    expect(await events('?count=1')).toHaveLength(1);
    expect((await events('?source=live')).every((event) => event.source === 'live')).toBe(true);
    expect(await events('?source=sim')).toHaveLength(1);
    for (let index = 0; index < 120; index += 1) await request(`crowd${index % 3}`);
    await flushMetrics();
    expect(await events('?count=100')).toHaveLength(100);
    expect(await redis.xlen(`${env.CACHE_PREFIX}_stats:events`)).toBe(100);
  });

  it('rejects counts out of range and unknown parameters', async () => {
    for (const query of ['?count=0', '?count=101', '?count=many', '?limit=5']) {
      expect((await GET(new NextRequest(`http://localhost/api/events${query}`), {})).status, query).toBe(400);
    }
  });
});
