import type Redis from 'ioredis';
import { isStatsKey } from '../lib/cache/keys';
import { SCENARIOS } from '../lib/scenarios/registry';
import { keysUnder } from '../lib/testing/redis';
import type { BenchOptions } from './options';
import { SCENARIO_REQUESTS, send, serverTimings, type ScenarioRequest } from './scenario-requests';
import { median } from './stats';

export type SpeedupRow =
  | { scenario: string; available: false; reason: string }
  | {
      scenario: string;
      available: true;
      /** Server-side `total` from Server-Timing (the slowest part when a response has several). */
      missMs: number;
      hitMs: number;
      speedup: number;
      /** Responses whose X-Cache-Status was not the expected miss or hit. */
      unexpected: number;
    };

/**
 * Section 6: for each scenario, a cold request (every cache key of the run removed first)
 * then repeated hits, timed by the app itself through `Server-Timing`. The first round
 * warms up (e.g. seeds the leaderboard database) and is not counted.
 */
export async function measureSpeedups(options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<SpeedupRow[]> {
  const registered = SCENARIOS.map((scenario) => scenario.id);
  const rows: SpeedupRow[] = [];
  for (const scenario of registered) {
    const request = SCENARIO_REQUESTS[scenario];
    if (!request) rows.push({ scenario, available: false, reason: 'no request in bench/scenario-requests.ts yet' });
    else rows.push(await speedupOf(scenario, request, options, origin, redis, prefix));
  }
  for (const scenario of Object.keys(SCENARIO_REQUESTS).filter((id) => !registered.includes(id))) {
    rows.push({ scenario, available: false, reason: 'not available yet (not in lib/scenarios/registry.ts)' });
  }
  return rows;
}

async function speedupOf(scenario: string, request: ScenarioRequest, options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<SpeedupRow> {
  const misses: number[] = [];
  const hits: number[] = [];
  let unexpected = 0;
  const timed = async (expected: 'miss' | 'hit') => {
    const response = await send(origin, request);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${scenario}: ${request.method} ${request.path} answered ${response.status}`);
    const statuses = (response.headers.get('x-cache-status') ?? '').split(',').map((status) => status.trim());
    if (!statuses.every((status) => status === expected)) unexpected += 1;
    const totals = [...serverTimings(response.headers.get('server-timing'))].filter(([name]) => name.startsWith('total')).map(([, ms]) => ms);
    return totals.length > 0 ? Math.max(...totals) : Number.NaN;
  };
  for (let round = 0; round <= options.speedup.rounds; round += 1) {
    await removeCacheEntries(redis, prefix);
    const miss = await timed('miss');
    const roundHits = [];
    for (let index = 0; index < options.speedup.hits; index += 1) roundHits.push(await timed('hit'));
    if (round === 0) {
      unexpected = 0;
      continue;
    }
    misses.push(miss);
    hits.push(...roundHits);
  }
  const missMs = median(misses);
  const hitMs = median(hits);
  return { scenario, available: true, missMs, hitMs, speedup: missMs / hitMs, unexpected };
}

/** Every cached value of this run's prefix, metrics kept: the next request of each scenario misses. */
async function removeCacheEntries(redis: Redis, prefix: string): Promise<void> {
  const entries = (await keysUnder(redis, prefix)).filter((key) => !isStatsKey(key, prefix));
  if (entries.length > 0) await redis.unlink(...entries);
}
