import autocannon from 'autocannon';
import type Redis from 'ioredis';
import { statsKeys } from '../lib/cache/keys';
import { STATUSES } from '../lib/cache/types';
import type { BenchOptions } from './options';
import { median, ratioOf, type Ratio } from './stats';

export interface HttpRow {
  name: string;
  path: string;
  bodyBytes: number;
  /** Median over rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

export type HttpResult =
  | { available: false; reason: string }
  | {
      available: true;
      connections: number;
      seconds: number;
      rounds: number;
      rows: HttpRow[];
      /** Scenario rps over ceiling rps, per round. */
      vsCeiling: Ratio;
      /** Answers other than a hit that the engine counted during the timed load (should be 0). */
      nonHits: number;
    };

interface Target {
  name: string;
  path: string;
  bodyBytes: number;
}

const HOT_USERNAME = 'bench-hot';

/**
 * Section 3: requests per second of a cached scenario on hits vs the constant-JSON baseline
 * of the same body size, the two alternating round by round against the same server.
 */
export async function measureHttp(options: BenchOptions, origin: string, redis: Redis, prefix: string): Promise<HttpResult> {
  const scenarioPath = `/api/username/${HOT_USERNAME}`;
  await fetch(origin + scenarioPath); // the miss that fills the key
  const hit = await fetch(origin + scenarioPath);
  if (hit.headers.get('x-cache') !== 'HIT') return { available: false, reason: `the scenario answered ${hit.headers.get('x-cache')} on a repeat` };
  const bodyBytes = (await hit.arrayBuffer()).byteLength;
  const baseline = await fetch(`${origin}/api/bench/baseline?bytes=${bodyBytes}`);
  if (baseline.status !== 200) {
    return { available: false, reason: `the baseline route answered ${baseline.status} (the build predates it? run with --build)` };
  }
  const targets: Target[] = [
    { name: 'constant JSON (ceiling)', path: `/api/bench/baseline?bytes=${bodyBytes}`, bodyBytes: (await baseline.arrayBuffer()).byteLength },
    { name: 'username scenario, hit', path: scenarioPath, bodyBytes },
  ];

  const { connections, seconds, rounds, warmupSeconds } = options.http;
  for (const target of targets) await autocannon({ url: origin + target.path, connections, duration: warmupSeconds });
  const nonHitsBefore = await countedNonHits(redis, prefix);
  const runs = new Map<string, Awaited<ReturnType<typeof autocannon>>[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) runs.get(target.name)?.push(await autocannon({ url: origin + target.path, connections, duration: seconds }));
  }
  const nonHits = (await countedNonHits(redis, prefix)) - nonHitsBefore;

  const rps = (name: string) => (runs.get(name) ?? []).map((run) => run.requests.total / run.duration);
  const rows = targets.map((target): HttpRow => {
    const results = runs.get(target.name) ?? [];
    return {
      ...target,
      rps: median(rps(target.name)),
      p50Ms: median(results.map((run) => run.latency.p50)),
      p99Ms: median(results.map((run) => run.latency.p99)),
      failed: results.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0),
    };
  });
  const [ceiling, scenario] = targets.map((target) => rps(target.name));
  return {
    available: true,
    connections,
    seconds,
    rounds,
    rows,
    vsCeiling: ratioOf((scenario ?? []).map((value, index) => value / (ceiling?.[index] ?? Number.NaN))),
    nonHits,
  };
}

/** Every status but `hit` in the scenario's totals (the lookup script counts hits at once; the rest is flushed within 250 ms). */
async function countedNonHits(redis: Redis, prefix: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const totals = await redis.hgetall(statsKeys.totals('live', 'username', prefix));
  return STATUSES.filter((status) => status !== 'hit').reduce((sum, status) => sum + Number(totals[status] ?? 0), 0);
}
