import type Redis from 'ioredis';
import { isStatsKey } from '../lib/cache/keys';
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
 * warms up (e.g. seeds the leaderboard database) and is not counted. The scenarios are
 * the server's own (from /api/stats where it exists) and those this file knows how to ask.
 */
export async function measureSpeedups(options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<SpeedupRow[]> {
  const registered = (await registeredScenarios(origin)) ?? [];
  const rows: SpeedupRow[] = [];
  for (const scenario of [...new Set([...registered, ...Object.keys(SCENARIO_REQUESTS)])]) {
    const request = SCENARIO_REQUESTS[scenario];
    if (!request) rows.push({ scenario, available: false, reason: 'no sampleInput in its scenario module' });
    else rows.push(await speedupOf(scenario, request, options, origin, redis, prefix));
  }
  return rows;
}

/** The scenario ids the dashboard's /api/stats lists (the app's registry); null before the dashboard exists. */
async function registeredScenarios(origin: string): Promise<string[] | null> {
  const response = await fetch(`${origin}/api/stats?window=60`);
  if (!response.ok) return null;
  const body = (await response.json()) as { data?: { scenarios?: { id: string }[] } };
  return body.data?.scenarios?.map((scenario) => scenario.id) ?? null;
}

async function speedupOf(scenario: string, request: ScenarioRequest, options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<SpeedupRow> {
  const misses: number[] = [];
  const hits: number[] = [];
  let unexpected = 0;
  const timed = async (expected: 'miss' | 'hit') => {
    const response = await send(origin, request);
    await response.arrayBuffer();
    if (isMissingRoute(response)) throw new NotAvailable();
    if (!response.ok) throw new Error(`${scenario}: ${request.method} ${request.path} answered ${response.status}`);
    const statuses = (response.headers.get('x-cache-status') ?? '').split(',').map((status) => status.trim());
    if (!statuses.every((status) => status === expected)) unexpected += 1;
    const totals = [...serverTimings(response.headers.get('server-timing'))].filter(([name]) => name.startsWith('total')).map(([, ms]) => ms);
    return totals.length > 0 ? Math.max(...totals) : Number.NaN;
  };
  for (let round = 0; round <= options.speedup.rounds; round += 1) {
    await removeCacheEntries(redis, prefix);
    let miss: number;
    try {
      miss = await timed('miss');
    } catch (error) {
      if (error instanceof NotAvailable) return { scenario, available: false, reason: 'not available yet (no such route)' };
      throw error;
    }
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

class NotAvailable extends Error {}

/** Next's own 404 page (HTML), as opposed to an API route's JSON error. */
const isMissingRoute = (response: Response) => response.status === 404 && !(response.headers.get('content-type') ?? '').includes('json');

/** Every cached value of this run's prefix, metrics kept: the next request of each scenario misses. */
async function removeCacheEntries(redis: Redis, prefix: string): Promise<void> {
  const entries = (await keysUnder(redis, prefix)).filter((key) => !isStatsKey(key, prefix));
  if (entries.length > 0) await redis.unlink(...entries);
}
