import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getUsername } from '@/app/api/username/[username]/route';
import { flushMetrics } from '@/lib/cache';
import { encodeEnvelope } from '@/lib/cache/envelope';
import { statsKeys } from '@/lib/cache/keys';
import { SOURCES } from '@/lib/cache/types';
import type { KeyPage, StatsResponse } from '@/lib/contracts/dashboard';
import { env } from '@/lib/core/env';
import { meteredSubjects } from '@/lib/features/stats';
import { getRedis } from '@/lib/core/redis';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { GET as getKeys } from './keys/route';
import { GET as getStats } from './stats/route';

/** The dashboard with 100,000 cache entries: stats must not look at them, a key page must look at few. */
const SEEDED = 100_000;
const redis = inspector();
const prefix = env.CACHE_PREFIX;

async function stats(): Promise<StatsResponse> {
  const response = await getStats(new NextRequest('http://localhost/api/stats?window=300'), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: StatsResponse }).data;
}

async function keyPage(query: string): Promise<KeyPage> {
  const response = await getKeys(new NextRequest(`http://localhost/api/keys?${query}`), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: KeyPage }).data;
}

/** Names of the commands the app's Redis client sent while `work` ran (pipelined ones included). */
async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const { client } = await getRedis();
  const spy = vi.spyOn(client, 'sendCommand');
  try {
    await work();
    return spy.mock.calls.map(([command]) => command.name.toLowerCase());
  } finally {
    spy.mockRestore();
  }
}

async function seed(count: number) {
  const value = encodeEnvelope({ username_extended: 'seeded_123' }, { storedAt: Date.now(), computeMs: 3000, expiry: 'ttl' });
  for (let start = 0; start < count; start += 5000) {
    const pipeline = redis.pipeline();
    for (let index = start; index < Math.min(count, start + 5000); index += 1) pipeline.set(`${prefix}expensive_function:seed${index}`, value, 'EX', 3600);
    await pipeline.exec();
  }
}

const name = `scale_${Date.now()}`;
let statsCommandsSmall: string[] = [];

beforeAll(async () => {
  await getUsername(new NextRequest(`http://localhost/api/username/${name}`), { params: Promise.resolve({ username: name }) });
  await getUsername(new NextRequest(`http://localhost/api/username/${name}`), { params: Promise.resolve({ username: name }) });
  await flushMetrics();
  await seed(100);
  statsCommandsSmall = await commandsDuring(stats);
  await seed(SEEDED);
}, 120_000);

afterAll(async () => {
  await removeUnder(redis, prefix);
  redis.disconnect();
}, 120_000);

describe('with 100,000 keys in the cache', () => {
  it('/api/stats answers the same figures, reading only metric hashes, as with 100 keys', async () => {
    const figures = (await stats()).scenarios.find((scenario) => scenario.id === 'username')?.figures;
    const totals = await redis.hgetall(statsKeys.totals('live', 'username'));
    expect(figures?.counts).toMatchObject({ hit: Number(totals.hit), miss: Number(totals.miss) });
    expect(figures).toMatchObject({ requests: 2, hitRatio: 0.5 });

    // Totals and histogram per scenario and source, plus one series hash per minute the 5-minute window touches.
    const bound = meteredSubjects().length * SOURCES.length * (2 + 7);
    const statsCommandsLarge = await commandsDuring(stats);
    for (const commands of [statsCommandsSmall, statsCommandsLarge]) {
      expect(commands.length).toBeGreaterThan(0);
      expect(commands.length).toBeLessThanOrEqual(bound);
      expect(new Set(commands)).toEqual(new Set(['hgetall']));
    }
  });

  it('a key page is one bounded SCAN walk that still shows real entries', async () => {
    const first = await keyPage('cursor=0');
    expect(first.cursor).not.toBe('0');
    expect(first.scanCalls).toBeLessThanOrEqual(env.KEYS_SCAN_MAX_CALLS);
    expect(first.keys.length).toBeGreaterThanOrEqual(env.KEYS_PAGE_SIZE);
    expect(first.keys.length).toBeLessThan(env.KEYS_PAGE_SIZE + 2 * env.KEYS_SCAN_COUNT);
    expect(first.keys[0]).toMatchObject({ scenario: 'username', type: 'string', expiry: 'ttl' });
    expect(first.keys[0]?.ttlMs).toBeGreaterThan(3_000_000);

    const commands = await commandsDuring(() => keyPage('cursor=0'));
    expect(commands.filter((command) => command === 'scan').length).toBeLessThanOrEqual(env.KEYS_SCAN_MAX_CALLS);
    expect(commands.filter((command) => command === 'get' || command === 'keys')).toEqual([]);
  });

  it('a filter that matches one key in 100,000 finds it by following the cursor, page after bounded page', async () => {
    let cursor = '0';
    const found: string[] = [];
    let pages = 0;
    do {
      const page = await keyPage(`match=${name}&cursor=${cursor}`);
      expect(page.scanCalls).toBeLessThanOrEqual(env.KEYS_SCAN_MAX_CALLS);
      found.push(...page.keys.map((key) => key.readableKey));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== '0');
    expect(found).toEqual([`expensive_function:${name}`]);
    expect(pages).toBeGreaterThan(1);
  }, 60_000);
});
