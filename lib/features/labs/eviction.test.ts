import { afterAll, describe, expect, it } from 'vitest';

// The lab starts its own redis-server (LAB_REDIS_URL unset): the shared Redis is never reconfigured.
delete process.env.LAB_REDIS_URL;
const { evictionRequest } = await import('./eviction-config');
const { startEviction } = await import('./eviction-runs');
const { closeLabRedis } = await import('./lab-redis');

afterAll(closeLabRedis);

async function run(input: Record<string, unknown>) {
  const started = Date.now();
  const eviction = await startEviction(evictionRequest.parse(input));
  await eviction.finished;
  const snapshot = eviction.snapshot();
  const figures = snapshot.results.map((result) => ({
    policy: result.policy,
    samples: result.samples,
    hitRatio: result.hitRatio?.toFixed(4),
    che: result.theory.che.toFixed(4),
    optimal: result.theory.optimal.toFixed(4),
    keysHeld: result.keysHeld,
    maxmemory: result.maxmemory,
    baseline: result.baselineBytes,
    entry: result.entryBytes,
    memoryUsage: result.memoryUsageBytes,
    evicted: result.evicted,
    notCached: result.notCached,
    oom: result.oomRefusals,
    counts: result.counts,
    seconds: (result.elapsedMs / 1000).toFixed(1),
  }));
  console.log(`eviction run in ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(figures, null, 1));
  expect(snapshot.message).toBeNull();
  expect(snapshot.status).toBe('done');
  return snapshot;
}

describe('eviction lab on its own lab Redis', () => {
  it('N = 10,000, C = 1,000, s = 1, samples 10: LFU beats LRU, LRU lands within 0.05 of Che, keys held match the capacity', { timeout: 180_000 }, async () => {
    const snapshot = await run({ policies: ['allkeys-lru', 'allkeys-lfu'], samples: 10, capacity: 1000, inputs: 10_000, s: 1, seed: 7 });
    const [lru, lfu] = snapshot.results;
    expect(lru?.hitRatio).not.toBeNull();
    expect(lfu!.hitRatio!).toBeGreaterThan(lru!.hitRatio!);
    expect(Math.abs(lru!.hitRatio! - lru!.theory.che)).toBeLessThan(0.05);
    for (const result of snapshot.results) {
      expect(result.keysHeld!).toBeGreaterThan(1000 * 0.85);
      expect(result.keysHeld!).toBeLessThan(1000 * 1.15);
      expect(result.evicted).toBeGreaterThan(0);
      expect(result.answered).toBe(result.sent);
    }
  });
});
