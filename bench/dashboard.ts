import type Redis from 'ioredis';
import { cacheKey } from '../lib/cache/keys';
import { usernameScenario } from '../lib/scenarios/username';
import type { BenchOptions } from './options';
import { summarise } from './stats';

export type DashboardRow =
  | { endpoint: string; available: false; reason: string }
  | {
      endpoint: string;
      available: true;
      byKeys: { keys: number; p50Ms: number; p99Ms: number }[];
      /** p50 with the most keys over p50 with the fewest: 1 means the cost does not grow. */
      growth: number;
    };

const ENDPOINTS = ['/api/stats?window=60', '/api/keys'];
const SEED_TTL_MS = 15 * 60_000;

/**
 * Section 5: what the dashboard's reads cost as the cache grows. The keys are seeded
 * directly in Redis (valid entries of the username scenario, under this run's prefix).
 */
export async function measureDashboard(options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<DashboardRow[]> {
  const endpoints: string[] = [];
  const rows: DashboardRow[] = [];
  for (const endpoint of ENDPOINTS) {
    const response = await fetch(origin + endpoint);
    await response.arrayBuffer();
    if (response.ok) endpoints.push(endpoint);
    else rows.push({ endpoint, available: false, reason: response.status === 404 ? 'not available yet' : `answered ${response.status}` });
  }
  if (endpoints.length === 0) return rows;

  const measured = new Map<string, { keys: number; p50Ms: number; p99Ms: number }[]>(endpoints.map((endpoint) => [endpoint, []]));
  let seeded = 0;
  for (const keys of options.dashboard.keyCounts) {
    await seed(redis, prefix, seeded, keys);
    seeded = keys;
    for (const endpoint of endpoints) {
      const latency = await timeRequests(origin + endpoint, options.dashboard.requests);
      measured.get(endpoint)?.push({ keys, p50Ms: latency.p50, p99Ms: latency.p99 });
    }
  }
  for (const [endpoint, byKeys] of measured) {
    const first = byKeys[0]?.p50Ms ?? Number.NaN;
    rows.push({ endpoint, available: true, byKeys, growth: (byKeys.at(-1)?.p50Ms ?? Number.NaN) / first });
  }
  return rows;
}

/** Entries shaped like the engine's envelope (the key browser reads its tail), written in pipelines of 1,000. */
async function seed(redis: Redis, prefix: string, from: number, to: number): Promise<void> {
  const payload = JSON.stringify({ cachelab: 2, v: { username_extended: 'seeded_123' }, storedAt: Date.now(), computeMs: 1, expiry: 'ttl' });
  for (let start = from; start < to; start += 1000) {
    const pipeline = redis.pipeline();
    for (let index = start; index < Math.min(to, start + 1000); index += 1) {
      pipeline.set(cacheKey(usernameScenario.keyOf({ username: `seed-${index}` }), prefix), payload, 'PX', SEED_TTL_MS);
    }
    await pipeline.exec();
  }
}

async function timeRequests(url: string, count: number) {
  const warmup = 5;
  const samples: number[] = [];
  for (let index = 0; index < warmup + count; index += 1) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (index >= warmup) samples.push(performance.now() - started);
  }
  return summarise(samples);
}
